// A small C++ program for debugging: classes with virtuals, templates, namespaces and the std containers. The BP_*
// markers name lines the tests break on.
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace geo {

class Shape {
public:
    explicit Shape(int id) : id_(id) {}
    virtual ~Shape() = default;
    virtual int area() const = 0;
    virtual std::string describe() const {
        std::string text = "shape " + std::to_string(id_);
        return text; /* BP_DESCRIBE */
    }
    int id_;
};

class Rect : public Shape {
public:
    Rect(int id, int w, int h) : Shape(id), w_(w), h_(h) {}
    int area() const override {
        int result = w_ * h_;
        return result; /* BP_AREA */
    }
    int w_;
    int h_;
};

class Circle : public Shape {
public:
    Circle(int id, int r) : Shape(id), r_(r) {}
    int area() const override { return 3 * r_ * r_; }
    std::string describe() const override { return "circle " + std::to_string(r_); }
    int r_;
};

template <typename T>
T pick(const std::vector<T>& values, size_t index) {
    T chosen = values[index % values.size()];
    return chosen; /* BP_PICK */
}

}  // namespace geo

namespace util {

// Never called: the linker drops it, and a breakpoint in it must not move on into join below.
int unused_twice(int x) {
    int doubled = x * 2; /* BP_UNUSED */
    return doubled;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); i++) {
        if (i > 0) {
            out += sep;
        }
        out += parts[i];
    }
    return out; /* BP_JOIN */
}

}  // namespace util

// Two globals named limit: which one a plain "limit" means depends on the using-directive in scope.
namespace config {
int limit = 3;
int scale = 2;
}  // namespace config

namespace tuning {
int limit = 7;
}  // namespace tuning

namespace util {

int scaled(int x) {
    using namespace tuning;  // DW_TAG_imported_module
    using config::scale;     // DW_TAG_imported_declaration
    int r = x * scale + limit;
    return r; /* BP_SCALED */
}

}  // namespace util

int main() {
    std::string short_text = "hi";
    std::string long_text = "a string long enough to live on the heap";
    std::vector<int> numbers{10, 20, 30};
    std::array<int, 3> triple{4, 5, 6};
    std::map<std::string, int> ages{{"ada", 36}, {"bob", 41}, {"cy", 7}};
    std::set<int> ids{3, 1, 2};
    std::unordered_map<std::string, int> stock{{"apple", 3}};
    auto owned = std::make_unique<geo::Rect>(1, 2, 3);
    std::shared_ptr<geo::Shape> shared = std::make_shared<geo::Circle>(2, 5);
    std::optional<int> some = 5;
    std::optional<int> none;
    std::variant<int, std::string> alternative = std::string("v");
    geo::Shape* poly = owned.get();
    int picked = geo::pick(numbers, 4);
    std::string joined = util::join({"a", "b", "c"}, "-");
    int total = poly->area() + shared->area(); /* BP_MAIN */
    int limited = util::scaled(config::limit) + tuning::limit;
    std::string text = poly->describe() + " " + shared->describe();
    std::printf("%s %s %d %d %s %s %d %zu %zu %d %d %zu %d\n", short_text.c_str(), long_text.c_str(), picked, total,
                joined.c_str(), text.c_str(), triple[1], ages.size(), ids.size(), stock["apple"],
                some.value_or(0) + none.value_or(0), alternative.index(), limited);
    return 0;
}
