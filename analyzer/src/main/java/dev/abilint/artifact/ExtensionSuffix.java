package dev.abilint.artifact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Python extension module's file name says (PEP 3149 and its successors): the module, the
 * interpreter and its version, the ABI ({@code cp313}, {@code cp313t}, {@code abi3}, {@code pp73}),
 * the platform part, and the free-threaded and debug flags.
 *
 * @param module module name ({@code _speedups})
 * @param interpreter {@code cpython}, {@code pypy}, {@code graalpy}, or null for an untagged {@code x.so}
 * @param version interpreter version digits ({@code 313}), or null
 * @param abi {@code cp313}, {@code cp313t}, {@code cp313d}, {@code abi3}, {@code abi3t}, {@code pp73}, or null
 * @param platform the platform part ({@code x86_64-linux-gnu}, {@code darwin}, {@code win_amd64}), or null
 */
public record ExtensionSuffix(String module, String interpreter, String version, String abi, String platform,
        boolean freeThreaded, boolean debug) {

    private static final Pattern CPYTHON = Pattern.compile(
            "^(?<mod>[A-Za-z_][A-Za-z0-9_]*)\\.cpython-(?<ver>\\d+)(?<flags>[dmt]*)(?:-(?<plat>[^.]+))?\\.so$");
    private static final Pattern CP_PYD = Pattern.compile(
            "^(?<mod>[A-Za-z_][A-Za-z0-9_]*)\\.cp(?<ver>\\d+)(?<flags>[dt]*)-(?<plat>[^.]+)\\.pyd$");
    private static final Pattern ABI3 = Pattern.compile(
            "^(?<mod>[A-Za-z_][A-Za-z0-9_]*)\\.abi3(?<t>t?)\\.so$");
    private static final Pattern PYPY = Pattern.compile(
            "^(?<mod>[A-Za-z_][A-Za-z0-9_]*)\\.pypy(?<ver>\\d+)-(?<abi>pp\\d+)(?:-(?<plat>[^.]+))?\\.(?:so|pyd)$");
    private static final Pattern GRAALPY = Pattern.compile(
            "^(?<mod>[A-Za-z_][A-Za-z0-9_]*)\\.graalpy(?<ver>[0-9a-z]*)-(?<abi>[0-9]+)-native(?:-(?<plat>[^.]+))?\\.(?:so|pyd|dylib)$");
    private static final Pattern PLAIN = Pattern.compile("^(?<mod>[A-Za-z_][A-Za-z0-9_]*)\\.(?<ext>so|pyd)$");

    /** The parsed name, or null when the file name is not an extension module's. */
    public static ExtensionSuffix parse(String fileName) {
        Matcher m;
        if ((m = CPYTHON.matcher(fileName)).matches()) {
            String flags = m.group("flags");
            return new ExtensionSuffix(m.group("mod"), "cpython", m.group("ver"), "cp" + m.group("ver") + flags,
                    m.group("plat"), flags.contains("t"), flags.contains("d"));
        }
        if ((m = CP_PYD.matcher(fileName)).matches()) {
            String flags = m.group("flags");
            return new ExtensionSuffix(m.group("mod"), "cpython", m.group("ver"), "cp" + m.group("ver") + flags,
                    m.group("plat"), flags.contains("t"), flags.contains("d"));
        }
        if ((m = ABI3.matcher(fileName)).matches()) {
            boolean t = !m.group("t").isEmpty();
            return new ExtensionSuffix(m.group("mod"), "cpython", null, t ? "abi3t" : "abi3", null, t, false);
        }
        if ((m = PYPY.matcher(fileName)).matches()) {
            return new ExtensionSuffix(m.group("mod"), "pypy", m.group("ver"), m.group("abi"), m.group("plat"),
                    false, false);
        }
        if ((m = GRAALPY.matcher(fileName)).matches()) {
            return new ExtensionSuffix(m.group("mod"), "graalpy", m.group("ver").isEmpty() ? null : m.group("ver"),
                    "graalpy" + m.group("abi"), m.group("plat"), false, false);
        }
        if ((m = PLAIN.matcher(fileName)).matches()) {
            boolean pyd = m.group("ext").equals("pyd");
            return new ExtensionSuffix(m.group("mod"), pyd ? "cpython" : null, null, null, pyd ? "windows" : null,
                    false, false);
        }
        return null;
    }

    /** The fact written into an artifact's {@code extensions} list. */
    public Map<String, Object> fact(String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("path", path);
        out.put("module", module);
        if (interpreter != null) {
            out.put("interpreter", interpreter);
        }
        if (version != null) {
            out.put("interpreterVersion", version);
        }
        if (abi != null) {
            out.put("abi", abi);
        }
        if (platform != null) {
            out.put("platform", platform);
        }
        out.put("freeThreaded", freeThreaded);
        out.put("debug", debug);
        return out;
    }
}
