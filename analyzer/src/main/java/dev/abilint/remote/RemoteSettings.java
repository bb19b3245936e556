package dev.abilint.remote;

import dev.abilint.artifact.InputException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where coordinates are resolved from and downloaded to.
 *
 * @param cache the download cache ({@code $ABILINT_CACHE}, else {@code $XDG_CACHE_HOME/abilint}, else
 *     {@code ~/.cache/abilint})
 * @param offline use the cache (and the local Maven repository) only; never the network
 * @param indexUrl a PEP 503/691 simple index, ending in {@code /}
 * @param mavenRepositories remote Maven repositories, tried in order (each ending in {@code /})
 * @param mavenLocal the user's local Maven repository ({@code ~/.m2/repository} or settings.xml's
 *     {@code localRepository}); null for none
 * @param progress where download progress goes (stderr), or null for none
 */
public record RemoteSettings(Path cache, boolean offline, URI indexUrl, List<URI> mavenRepositories, Path mavenLocal,
        PrintStream progress) {

    /** A system property that wins over the environment for the cache (tests and embedders: the Maven plugin). */
    public static final String CACHE_PROPERTY = "abilint.cache";
    public static final URI PYPI = URI.create("https://pypi.org/simple/");
    public static final URI MAVEN_CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");

    public RemoteSettings {
        indexUrl = slashed(indexUrl);
        mavenRepositories = mavenRepositories.stream().map(RemoteSettings::slashed).toList();
    }

    /**
     * The settings of this user: the cache from the environment, the Maven repositories from
     * {@code settingsXml} (null: {@code ~/.m2/settings.xml} when it exists).
     *
     * @param indexUrl null for PyPI
     */
    public static RemoteSettings of(Map<String, String> env, boolean offline, String indexUrl, Path settingsXml,
            PrintStream progress) throws InputException {
        Path home = Path.of(System.getProperty("user.home"));
        Path settings = settingsXml != null ? settingsXml : home.resolve(".m2/settings.xml");
        if (settingsXml != null && !Files.isRegularFile(settingsXml)) {
            throw new InputException("cannot read the Maven settings '" + settingsXml + "': no such file");
        }
        MavenSettings maven = Files.isRegularFile(settings) ? MavenSettings.read(settings)
                : new MavenSettings(null, null);
        URI index = PYPI;
        if (indexUrl != null) {
            try {
                index = URI.create(indexUrl);
            } catch (IllegalArgumentException e) {
                throw new InputException("--index-url takes a URL such as https://pypi.org/simple/ (got '" + indexUrl
                        + "')");
            }
            if (index.getScheme() == null || !List.of("http", "https", "file").contains(index.getScheme())) {
                throw new InputException("--index-url takes an http, https or file URL (got '" + indexUrl + "')");
            }
        }
        Path local = maven.localRepository() != null ? maven.localRepository() : home.resolve(".m2/repository");
        String property = System.getProperty(CACHE_PROPERTY);
        Path cache = property != null && !property.isEmpty() ? Path.of(property) : cacheDirectory(env, home);
        return new RemoteSettings(cache, offline, index,
                List.of(maven.mirror() != null ? maven.mirror() : MAVEN_CENTRAL), local, progress);
    }

    static Path cacheDirectory(Map<String, String> env, Path home) {
        String own = env.get("ABILINT_CACHE");
        if (own != null && !own.isEmpty()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "abilint");
        }
        return home.resolve(".cache/abilint");
    }

    private static URI slashed(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }
}
