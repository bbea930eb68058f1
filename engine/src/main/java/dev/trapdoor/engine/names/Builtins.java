package dev.trapdoor.engine.names;

/** The Itanium ABI's one- and two-letter builtin types and its special substitutions ({@code St}, {@code So}, ...). */
final class Builtins {
    private Builtins() {
    }

    /** The builtin type at the parser's position, consumed, or null (nothing consumed) if there is none. */
    static Ty of(ItaniumDemangler p, char c) {
        String one = switch (c) {
            case 'v' -> "void";
            case 'w' -> "wchar_t";
            case 'b' -> "bool";
            case 'c' -> "char";
            case 'a' -> "signed char";
            case 'h' -> "unsigned char";
            case 's' -> "short";
            case 't' -> "unsigned short";
            case 'i' -> "int";
            case 'j' -> "unsigned int";
            case 'l' -> "long";
            case 'm' -> "unsigned long";
            case 'x' -> "long long";
            case 'y' -> "unsigned long long";
            case 'n' -> "__int128";
            case 'o' -> "unsigned __int128";
            case 'f' -> "float";
            case 'd' -> "double";
            case 'e' -> "long double";
            case 'g' -> "__float128";
            case 'z' -> "...";
            default -> null;
        };
        if (one != null) {
            p.skip(1);
            return Ty.plain(one);
        }
        if (c != 'D') {
            return null;
        }
        String two = switch (p.peek(1)) {
            case 'd' -> "decimal64";
            case 'e' -> "decimal128";
            case 'f' -> "decimal32";
            case 'h' -> "half";
            case 'i' -> "char32_t";
            case 's' -> "char16_t";
            case 'u' -> "char8_t";
            case 'a' -> "auto";
            case 'c' -> "decltype(auto)";
            case 'n' -> "std::nullptr_t";
            default -> null;
        };
        if (two != null) {
            p.skip(2);
            return Ty.plain(two);
        }
        return null;
    }

    /** What {@code S<c>} stands for, as llvm-cxxfilt abbreviates it, or null. */
    static String specialSubstitution(char c) {
        return switch (c) {
            case 'a' -> "std::allocator";
            case 'b' -> "std::basic_string";
            case 's' -> "std::string";
            case 'i' -> "std::istream";
            case 'o' -> "std::ostream";
            case 'd' -> "std::iostream";
            default -> null;
        };
    }

    /** The full name a constructor or destructor of a special substitution is printed with. */
    static String fullSpecialSubstitution(char c) {
        return switch (c) {
            case 'a' -> "std::allocator";
            case 'b' -> "std::basic_string";
            case 's' -> "std::basic_string<char, std::char_traits<char>, std::allocator<char> >";
            case 'i' -> "std::basic_istream<char, std::char_traits<char> >";
            case 'o' -> "std::basic_ostream<char, std::char_traits<char> >";
            case 'd' -> "std::basic_iostream<char, std::char_traits<char> >";
            default -> null;
        };
    }
}
