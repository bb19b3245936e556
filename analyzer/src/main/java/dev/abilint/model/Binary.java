package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader read from one native binary (one slice of a fat Mach-O file): the facts that
 * rules judge and that {@code inspect} prints. Readers fill it in; nothing else changes it, except
 * that the artifact walker sets {@link #declaredPlatform} from the path convention.
 */
@JsonPropertyOrder({
    "path", "format", "arch", "bits", "endian", "osAbi", "type", "platform", "declaredPlatform",
    "soname", "installName", "needed", "rpath", "runpath", "minOs", "sdk", "imports", "exports", "flags", "python"
})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Binary {
    private final String path;
    private final String format;
    private String arch;
    private int bits;
    private String endian;
    private String osAbi;
    private String type;
    private Platform platform;
    private Platform declaredPlatform;
    private String soname;
    private String installName;
    private String minOs;
    private String sdk;
    private final List<String> needed = new ArrayList<>();
    private final List<String> rpath = new ArrayList<>();
    private final List<String> runpath = new ArrayList<>();
    private final List<Symbol> imports = new ArrayList<>();
    private final List<Symbol> exports = new ArrayList<>();
    private final Map<String, Object> flags = new LinkedHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private PythonFacts python;

    public Binary(String path, String format) {
        this.path = path;
        this.format = format;
    }

    public String getPath() { return path; }
    public String getFormat() { return format; }
    public String getArch() { return arch; }
    public int getBits() { return bits; }
    public String getEndian() { return endian; }
    public String getOsAbi() { return osAbi; }
    public String getType() { return type; }
    public Platform getPlatform() { return platform; }
    public Platform getDeclaredPlatform() { return declaredPlatform; }
    public String getSoname() { return soname; }
    public String getInstallName() { return installName; }
    public String getMinOs() { return minOs; }
    public String getSdk() { return sdk; }
    public List<String> getNeeded() { return needed; }
    public List<String> getRpath() { return rpath; }
    public List<String> getRunpath() { return runpath; }
    public List<Symbol> getImports() { return imports; }
    public List<Symbol> getExports() { return exports; }
    public Map<String, Object> getFlags() { return flags; }
    /** What a Python extension module's binary says about its init, slots, GIL and allocators; null for others. */
    public PythonFacts getPython() { return python; }

    /** Parts of the file that could not be read; reported as parse-error findings, not in JSON. */
    @JsonIgnore
    public List<Problem> getProblems() { return problems; }

    public Binary arch(String value) { this.arch = value; return this; }
    public Binary bits(int value) { this.bits = value; return this; }
    public Binary endian(String value) { this.endian = value; return this; }
    public Binary osAbi(String value) { this.osAbi = value; return this; }
    public Binary type(String value) { this.type = value; return this; }
    public Binary platform(Platform value) { this.platform = value; return this; }
    public Binary declaredPlatform(Platform value) { this.declaredPlatform = value; return this; }
    public Binary soname(String value) { this.soname = value; return this; }
    public Binary installName(String value) { this.installName = value; return this; }
    public Binary minOs(String value) { this.minOs = value; return this; }
    public Binary sdk(String value) { this.sdk = value; return this; }
    public Binary python(PythonFacts value) { this.python = value; return this; }

    /** A flag value, or null. */
    public Object flag(String name) {
        return flags.get(name);
    }

    public boolean flagSet(String name) {
        return Boolean.TRUE.equals(flags.get(name));
    }

    @Override
    public String toString() {
        return format + " " + path;
    }
}
