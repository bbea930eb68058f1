// Types named like those the value formatters know (libc++'s and Rust's), with layouts that are not the libraries':
// each formatter must notice the mismatch and show the raw struct. Built by build.sh into lookalikes.wasm.
namespace std {
template <class T> struct vector {
    T *first;
    int count;
};
template <class T> struct unique_ptr {
    long cookie;
};
}  // namespace std

namespace alloc {
namespace string {
struct String {
    unsigned short tag;
};
}  // namespace string
namespace vec {
template <class T> struct Vec {
    T *data;
};
}  // namespace vec
}  // namespace alloc

extern "C" int lookalikes(int n) {
    int xs[2] = {n, n + 1};
    std::vector<int> v = {xs, 2};
    std::unique_ptr<int> u = {42};
    alloc::string::String s = {7};
    alloc::vec::Vec<int> w = {xs};
    return v.count + (int) u.cookie + s.tag + w.data[1]; /* BP_LOOKALIKES */
}
