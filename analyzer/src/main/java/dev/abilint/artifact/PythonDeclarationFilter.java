package dev.abilint.artifact;

/**
 * Whether a Python file's bytes may declare native functions, told without decoding them: the pattern that
 * decides ({@code \bcdef\s*\(}, {@code \bCDLL\s*\(}, {@code \bcdll\.}, {@code \bWinDLL\s*\(}, {@code \bPyDLL\s*\(},
 * numpy's {@code \bload_library\s*\(}) cannot match
 * unless one of its words is in the bytes after something that is not an ASCII letter, digit or underscore
 * (the {@code \b}), followed, but for {@code cdll.}, by ASCII blanks and a {@code (}. All of that is ASCII, the
 * same bytes in UTF-8, and a byte of a multi-byte character before the word counts as a possible boundary. A
 * real wheel holds hundreds of {@code .py} files and almost none of them declares anything (CPython's own
 * library has {@code abcdef} in many): they are passed over without a String or a regex.
 */
final class PythonDeclarationFilter {
    /** Words that show a Python file declares native functions; other .py files are not kept. */
    static final java.util.regex.Pattern NATIVE_DECLARATIONS = java.util.regex.Pattern.compile(
            "\\bcdef\\s*\\(|\\bCDLL\\s*\\(|\\bcdll\\.|\\bWinDLL\\s*\\(|\\bPyDLL\\s*\\(|\\bload_library\\s*\\(");

    private static final byte[] CDEF = {'c', 'd', 'e', 'f'};
    private static final byte[] CDLL_LOWER = {'c', 'd', 'l', 'l', '.'};
    private static final byte[] CDLL = {'C', 'D', 'L', 'L'};
    private static final byte[] WINDLL = {'W', 'i', 'n', 'D', 'L', 'L'};
    private static final byte[] PYDLL = {'P', 'y', 'D', 'L', 'L'};
    private static final byte[] LOAD_LIBRARY = {'l', 'o', 'a', 'd', '_', 'l', 'i', 'b', 'r', 'a', 'r', 'y'};

    private PythonDeclarationFilter() {}

    /** Bytes that start a declaring word ({@code c C W P l}), and ASCII letters, digits and underscore: one load each. */
    private static final boolean[] STARTS_WORD = new boolean[256];
    private static final boolean[] WORD_BYTE = new boolean[256];

    static {
        for (char c : "cCWPl".toCharArray()) {
            STARTS_WORD[c] = true;
        }
        for (int b = 0; b < 128; b++) {
            WORD_BYTE[b] = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_';
        }
    }

    /** False when no declaring word is in {@code data}; true when one is (the regex then decides). */
    static boolean mayDeclare(byte[] data) {
        int end = data.length;
        for (int i = 0; i < end; i++) {
            byte b = data[i];
            if (!STARTS_WORD[b & 0xFF] || i > 0 && WORD_BYTE[data[i - 1] & 0xFF]) {
                continue;
            }
            if (b == 'c' && (call(data, i, CDEF) || at(data, i, CDLL_LOWER))
                    || b == 'C' && call(data, i, CDLL) || b == 'W' && call(data, i, WINDLL)
                    || b == 'P' && call(data, i, PYDLL) || b == 'l' && call(data, i, LOAD_LIBRARY)) {
                return true;
            }
        }
        return false;
    }

    /** The word at {@code i}, then blanks ({@code \s}: space, tab, newline, VT, FF, CR), then {@code (}. */
    private static boolean call(byte[] data, int i, byte[] word) {
        if (!at(data, i, word)) {
            return false;
        }
        for (int k = i + word.length; k < data.length; k++) {
            byte b = data[k];
            if (b == '(') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != 0x0B && b != '\f' && b != '\r') {
                return false;
            }
        }
        return false;
    }

    private static boolean at(byte[] data, int i, byte[] word) {
        if (i + word.length > data.length) {
            return false;
        }
        for (int k = 1; k < word.length; k++) {
            if (data[i + k] != word[k]) {
                return false;
            }
        }
        return true;
    }
}
