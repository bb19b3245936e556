package dev.abilint.artifact;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.model.Artifact;
import dev.abilint.model.ArtifactIssue;
import dev.abilint.model.ExtensionSuffix;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Platform;
import dev.abilint.model.WheelName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records what the entries of an archive hold, in entry order, into its {@link ArchiveScan}: natives become
 * members for the parallel readers, class files and Python declarations go to the walk, metadata is kept;
 * at the end of the archive, its artifact with the facts of its kind (wheel, sdist, egg, jar).
 */
final class ArtifactRecorder {
    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/(\\d{1,4})/(.*)$");
    private static final Pattern PKG_INFO = EntryContent.PKG_INFO;

    private static final int MAX = ArchiveScan.MAX_ISSUES_PER_TYPE;

    private final Walk walk;

    ArtifactRecorder(Walk walk) {
        this.walk = walk;
    }

    private void addNative(ArchiveScan scan, String name, String location, Format format, byte[] data) {
        scan.members.add(location);
        scan.natives.add(name);
        WheelName wheel = scan.wheel;
        java.util.function.Supplier<List<Platform>> declared = wheel != null ? wheel::platforms
                : () -> InputWalker.declared(name);
        ExtensionSuffix suffix = ExtensionSuffix.parse(EntryNames.baseName(name));
        if (suffix != null) {
            Map<String, Object> fact = suffix.fact(location);
            fact.put("entry", name); // removed in finish(): only for the stub check below
            scan.extensions.add(fact);
        }
        walk.addMember(new Member(location, format, onceLoader(data), declared), data.length);
    }

    /** Records what an entry held: a member to read, a class file, kept metadata, or a skipped entry. */
    void recordContent(ArchiveScan scan, String name, String location, EntryContent content) {
        boolean kept = true;
        switch (content.kind()) {
            case NATIVE -> addNative(scan, name, location, content.format(), content.data());
            case CLASS -> recordClass(scan, name, content);
            case PYTHON -> {
                kept = keepPythonSource(content);
                if (!kept) {
                    notePresence(scan, name); // setup.py marks an sdist
                }
            }
            case METADATA -> {
                if (content.data() != null) {
                    scan.metadata.put(name, content.data());
                } else {
                    kept = false;
                }
            }
            default -> {
                kept = false;
                notePresence(scan, name);
                if (content.failure() != null) {
                    walk.failures().add(content.failure()); // named like a binary or archive, but it is not one
                }
            }
        }
        if (!kept) {
            scan.skipped++;
        }
    }

    private void recordClass(ArchiveScan scan, String name, EntryContent content) {
        scan.classes++;
        if (content.failure() != null) {
            walk.failures().add(content.failure());
            return;
        }
        JavaClass read = content.javaClass();
        walk.javaClasses().add(read);
        Matcher versioned = VERSIONED.matcher(name);
        if (versioned.matches()) {
            scan.versionedReleases.add(Integer.parseInt(versioned.group(1)));
            if (versioned.group(2).equals("module-info.class")) {
                scan.moduleInfo = true;
            }
        } else if (EntryNames.baseName(name).equals("module-info.class")) {
            // a module descriptor is read only by Java 9 and later: it does not raise the floor
            scan.moduleInfo = true;
        } else {
            scan.maxMajor = Math.max(scan.maxMajor, read.majorVersion());
        }
    }

    /** A Python file is kept when it declares native functions or, in a wheel, imports modules (EntryContent decided). */
    private boolean keepPythonSource(EntryContent content) {
        if (content.python() == null) {
            return false;
        }
        walk.pythonSources().add(content.python());
        return true;
    }

    private static void notePresence(ArchiveScan scan, String name) {
        int slash = name.indexOf('/');
        String rest = slash < 0 ? name : name.substring(slash + 1);
        boolean topOrOneDown = slash < 0 || rest.indexOf('/') < 0;
        if (topOrOneDown && EntryNames.baseName(name).equals("setup.py")) {
            scan.setupPy = true;
        }
        if (topOrOneDown && EntryNames.baseName(name).equals("pyproject.toml")) {
            scan.pyprojectToml = true;
        }
        if (name.equals("__main__.py")) {
            scan.mainPy = true;
        }
        if (name.startsWith("EGG-INFO/")) {
            scan.eggInfo = true;
        }
    }

    int reserve() {
        walk.artifacts().add(null);
        return walk.artifacts().size() - 1;
    }

    void finish(ArchiveScan scan, int slot) {
        if (walk.artifacts().get(slot) != null) {
            return;
        }
        String kind = kindOf(scan);
        Artifact artifact = new Artifact(scan.path, kind);
        Map<String, Object> facts = artifact.getFacts();
        facts.put("format", scan.format);
        facts.put("entries", scan.entries);
        facts.put("skippedEntries", scan.skipped);
        if (scan.nativeStorage != null) {
            facts.put("nativeLibraryStorage", scan.nativeStorage);
        }
        if (scan.issueCounts.containsKey(ArtifactIssue.Type.UNSAFE_NAME.name())) {
            facts.put("unsafeEntryNames", scan.issueCounts.get(ArtifactIssue.Type.UNSAFE_NAME.name()));
        }
        switch (kind) {
            case "wheel" -> WheelFacts.add(scan.fileName, scan.wheel, scan.metadata, scan.hashes, facts, scan::issue,
                    scan.path);
            case "sdist", "egg" -> pkgInfo(scan, facts);
            default -> { }
        }
        if (kind.equals("egg") || kind.equals("zipapp")) {
            facts.put("mainPy", scan.mainPy);
        }
        if (kind.equals("sdist")) {
            if (scan.setupPy) {
                facts.put("setupPy", true);
            }
            if (scan.pyprojectToml) {
                facts.put("pyprojectToml", true);
            }
        }
        for (Map<String, Object> extension : scan.extensions) {
            String entry = (String) extension.remove("entry");
            int slash = entry.lastIndexOf('/');
            String stub = entry.substring(0, slash + 1) + extension.get("module") + ".py";
            if (kind.equals("egg") && scan.names.contains(stub)) {
                extension.put("stubLoader", stub); // setuptools' bootstrap that extracts it with pkg_resources
            }
        }
        if (!scan.extensions.isEmpty() && !isJavaKind(kind)) {
            facts.put("extensions", scan.extensions);
        }
        javaFacts(scan, facts);
        artifact.getMembers().addAll(scan.members);
        artifact.getIssues().addAll(scan.issues);
        for (Map.Entry<String, Integer> count : scan.issueCounts.entrySet()) {
            if (count.getValue() > MAX) {
                ArtifactIssue.Type type = ArtifactIssue.Type.valueOf(count.getKey());
                artifact.getIssues().add(new ArtifactIssue(type, scan.path, (count.getValue() - MAX)
                        + " more of the same in this archive (only the first " + MAX + " are listed)",
                        Map.of("more", count.getValue() - MAX)));
            }
        }
        walk.artifacts().set(slot, artifact);
    }

    private static boolean isJavaKind(String kind) {
        return kind.equals("jar") || kind.equals("war") || kind.equals("ear") || kind.equals("aar");
    }

    private String kindOf(ArchiveScan scan) {
        String lower = scan.fileName.toLowerCase(java.util.Locale.ROOT);
        boolean sdistLike = scan.metadata.keySet().stream().anyMatch(n -> PKG_INFO.matcher(n).matches()
                && n.indexOf('/') > 0 && !n.startsWith("EGG-INFO/")) || scan.setupPy || scan.pyprojectToml;
        if (scan.tar) {
            return sdistLike && (lower.endsWith(".tar.gz") || lower.endsWith(".tgz") || lower.endsWith(".tar"))
                    ? "sdist" : "tarball";
        }
        if ("gzip".equals(scan.format)) {
            return "gzip";
        }
        if (lower.endsWith(".whl")) {
            return "wheel";
        }
        for (String ext : new String[] {"jar", "war", "ear", "aar"}) {
            if (lower.endsWith("." + ext)) {
                return ext;
            }
        }
        if (lower.endsWith(".egg")) {
            return "egg";
        }
        if (lower.endsWith(".pyz")) {
            return "zipapp";
        }
        if (lower.endsWith(".zip") && sdistLike) {
            return "sdist";
        }
        return "zip";
    }

    private static void pkgInfo(ArchiveScan scan, Map<String, Object> facts) {
        for (Map.Entry<String, byte[]> e : scan.metadata.entrySet()) {
            if (PKG_INFO.matcher(e.getKey()).matches()) {
                Map<String, List<String>> headers = WheelFacts.headers(e.getValue());
                Map<String, Object> info = new LinkedHashMap<>();
                WheelFacts.putFirst(info, "name", headers, "Name");
                WheelFacts.putFirst(info, "version", headers, "Version");
                WheelFacts.putFirst(info, "requiresPython", headers, "Requires-Python");
                facts.put("pkgInfo", info);
                return;
            }
        }
    }

    private static void javaFacts(ArchiveScan scan, Map<String, Object> facts) {
        byte[] manifest = null;
        for (Map.Entry<String, byte[]> e : scan.metadata.entrySet()) {
            if (e.getKey().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                manifest = e.getValue();
            }
        }
        if (manifest != null) {
            Map<String, Object> values = new LinkedHashMap<>();
            try {
                java.util.jar.Attributes main = new java.util.jar.Manifest(new ByteArrayInputStream(manifest))
                        .getMainAttributes();
                for (String key : new String[] {"Multi-Release", "Automatic-Module-Name", "Bundle-NativeCode",
                    "Build-Jdk-Spec", "Created-By", "Main-Class", "Bundle-SymbolicName", "Implementation-Version"}) {
                    String value = main.getValue(key);
                    if (value != null) {
                        values.put(key, value);
                    }
                }
            } catch (IOException | RuntimeException e) {
                values.put("error", "manifest cannot be read: " + e.getMessage());
            }
            facts.put("manifest", values);
        }
        if (scan.classes > 0) {
            facts.put("classes", scan.classes);
        }
        if (scan.maxMajor > 0) {
            facts.put("classMajorMax", scan.maxMajor);
            facts.put("javaFloor", javaRelease(scan.maxMajor));
        }
        if (scan.moduleInfo) {
            facts.put("moduleInfo", true);
        }
        if (!scan.versionedReleases.isEmpty()) {
            facts.put("versionedReleases", new ArrayList<>(scan.versionedReleases));
        }
    }

    /** The Java release that a class file major version needs: 61 gives 17, 52 gives 8, 45 gives 1. */
    static int javaRelease(int major) {
        return Math.max(1, major - 44);
    }

    /** Hands the bytes to the one worker that reads them, then lets them go. */
    private static Member.Loader onceLoader(byte[] data) {
        AtomicReference<byte[]> held = new AtomicReference<>(data);
        return () -> {
            byte[] bytes = held.getAndSet(null);
            if (bytes == null) {
                throw new IOException("member was already read");
            }
            return Bytes.of(bytes);
        };
    }
}
