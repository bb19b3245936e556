package dev.abilint.artifact;

/**
 * Whether a Python file's bytes may declare native functions, told without decoding them: the pattern that
 * decides ({@code \bcdef\s*\(}, {@code \bCDLL\s*\(}, {@code \bcdll\.}, {@code \bWinDLL\s*\(}) cannot match
 * unless one of its literal words is in the bytes, and these words are ASCII, so they are the same bytes in
 * UTF-8. A real wheel holds hundreds of {@code .py} files and almost none of them has one of the words: they
 * are passed over without a String or a regex.
 */
final class PythonDeclarationFilter {
    private static final byte[] CDEF = {'c', 'd', 'e', 'f'};
    private static final byte[] CDLL_LOWER = {'c', 'd', 'l', 'l', '.'};
    private static final byte[] CDLL = {'C', 'D', 'L', 'L'};
    private static final byte[] WINDLL = {'W', 'i', 'n', 'D', 'L', 'L'};

    private PythonDeclarationFilter() {}

    /** False when no declaring word is in {@code data}; true when one is (the regex then decides). */
    static boolean mayDeclare(byte[] data) {
        int end = data.length;
        for (int i = 0; i < end; i++) {
            byte b = data[i];
            if (b == 'c') {
                if (at(data, i, CDEF) || at(data, i, CDLL_LOWER)) {
                    return true;
                }
            } else if (b == 'C') {
                if (at(data, i, CDLL)) {
                    return true;
                }
            } else if (b == 'W' && at(data, i, WINDLL)) {
                return true;
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
