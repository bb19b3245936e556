package dev.abilint.format.decl;

import java.util.ArrayList;
import java.util.List;

/**
 * A light Python tokenizer, enough to find calls and attribute accesses without being fooled by
 * comments and strings: names, string literals (any prefix, single or triple quoted, with the line and
 * the raw text of their content; f-strings are their own kind, so that a field is never taken for text), numbers and one-character operators ({@code ==} and friends come
 * out as two tokens). Indentation, line structure and f-string interpolations are not modelled.
 */
final class PythonTokens {
    static final int MAX_TOKENS = 5_000_000;

    enum Kind { NAME, STRING, FSTRING, NUMBER, OP }

    /**
     * @param text a name, an operator, a number, or for a string its raw content between the quotes
     *     (escapes not processed)
     * @param line line of the token's start; for a string, the line its content starts on
     */
    record Token(Kind kind, String text, int line) {
        boolean is(String s) {
            return kind == Kind.OP && text.equals(s);
        }

        boolean isName() {
            return kind == Kind.NAME;
        }
    }

    private PythonTokens() {}

    static List<Token> tokenize(String src) {
        List<Token> out = new ArrayList<>();
        int n = src.length();
        int line = 1;
        int i = 0;
        boolean formatted = false;
        while (i < n && out.size() < MAX_TOKENS) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c) || c == '\\') {
                i++;
            } else if (c == '#') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isJavaIdentifierStart(c) && c != '$') {
                int start = i;
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i)) && src.charAt(i) != '$') {
                    i++;
                }
                String word = src.substring(start, i);
                if (i < n && (src.charAt(i) == '"' || src.charAt(i) == '\'') && isStringPrefix(word)) {
                    formatted = word.indexOf('f') >= 0 || word.indexOf('F') >= 0;
                    continue; // the string follows; its prefix is dropped (an f prefix makes it an FSTRING)
                }
                out.add(new Token(Kind.NAME, word, line));
            } else if (c >= '0' && c <= '9') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.' || src.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, src.substring(start, i), line));
            } else if (c == '"' || c == '\'') {
                boolean triple = i + 2 < n && src.charAt(i + 1) == c && src.charAt(i + 2) == c;
                int quoteLength = triple ? 3 : 1;
                int contentStart = i + quoteLength;
                int contentLine = line;
                int k = contentStart;
                int end = -1;
                while (k < n) {
                    char d = src.charAt(k);
                    if (d == '\\' && k + 1 < n) {
                        if (src.charAt(k + 1) == '\n') {
                            line++;
                        }
                        k += 2;
                        continue;
                    }
                    if (d == '\n') {
                        if (!triple) {
                            break; // unterminated single-quoted string: stop at the line end
                        }
                        line++;
                    }
                    if (d == c && (!triple || (k + 2 < n && src.charAt(k + 1) == c && src.charAt(k + 2) == c))) {
                        end = k;
                        break;
                    }
                    k++;
                }
                int contentEnd = end < 0 ? k : end;
                out.add(new Token(formatted ? Kind.FSTRING : Kind.STRING, src.substring(contentStart, contentEnd),
                        contentLine));
                formatted = false;
                i = end < 0 ? k : end + quoteLength;
            } else {
                out.add(new Token(Kind.OP, String.valueOf(c), line));
                i++;
            }
        }
        return out;
    }

    private static boolean isStringPrefix(String word) {
        if (word.length() > 2) {
            return false;
        }
        for (char ch : word.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if ("rbuf".indexOf(ch) < 0) {
                return false;
            }
        }
        return true;
    }
}
