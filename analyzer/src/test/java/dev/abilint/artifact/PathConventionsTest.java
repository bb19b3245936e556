package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real member paths from published jars and the platform each declares. */
class PathConventionsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // JNA 5.14.0
        "com/sun/jna/linux-x86-64/libjnidispatch.so                         | linux-x86_64      | jna",
        "com/sun/jna/linux-aarch64/libjnidispatch.so                        | linux-aarch64     | jna",
        "com/sun/jna/linux-x86/libjnidispatch.so                            | linux-i686        | jna",
        "com/sun/jna/linux-arm/libjnidispatch.so                            | linux-armv7       | jna",
        "com/sun/jna/linux-ppc64le/libjnidispatch.so                        | linux-ppc64le     | jna",
        "com/sun/jna/darwin-aarch64/libjnidispatch.jnilib                   | macos-arm64       | jna",
        "com/sun/jna/darwin-x86-64/libjnidispatch.jnilib                    | macos-x86_64      | jna",
        "com/sun/jna/win32-x86-64/jnidispatch.dll                           | windows-x86_64    | jna",
        "com/sun/jna/win32-aarch64/jnidispatch.dll                          | windows-arm64     | jna",
        "com/sun/jna/freebsd-x86-64/libjnidispatch.so                       | freebsd-x86_64    | jna",
        "com/sun/jna/sunos-x86/libjnidispatch.so                            | solaris-i686      | jna",
        // sqlite-jdbc 3.46.1.0
        "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so                    | linux-x86_64      | sqlite-jdbc",
        "org/sqlite/native/Linux-Musl/aarch64/libsqlitejdbc.so              | linux-aarch64-musl| sqlite-jdbc",
        "org/sqlite/native/Linux-Android/arm/libsqlitejdbc.so               | android-armv7     | sqlite-jdbc",
        "org/sqlite/native/Linux/ppc64/libsqlitejdbc.so                     | linux-ppc64le     | sqlite-jdbc",
        "org/sqlite/native/Linux/armv6/libsqlitejdbc.so                     | linux-armv6       | sqlite-jdbc",
        "org/sqlite/native/Mac/x86_64/libsqlitejdbc.dylib                   | macos-x86_64      | sqlite-jdbc",
        "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib                  | macos-arm64       | sqlite-jdbc",
        "org/sqlite/native/Windows/x86_64/sqlitejdbc.dll                    | windows-x86_64    | sqlite-jdbc",
        // netty 4.1.115
        "META-INF/native/libnetty_transport_native_epoll_aarch_64.so        | linux-aarch64     | netty-linux-transport",
        "META-INF/native/libnetty_transport_native_epoll_x86_64.so          | linux-x86_64      | netty-linux-transport",
        "META-INF/native/libnetty_transport_native_kqueue_osx_aarch_64.jnilib | macos-arm64     | netty-os-arch",
        "META-INF/native/libnetty_resolver_dns_native_macos_x86_64.jnilib   | macos-x86_64      | netty-os-arch",
        "META-INF/native/libnetty_tcnative_linux_x86_64.so                  | linux-x86_64      | netty-os-arch",
        "META-INF/native/netty_tcnative_windows_x86_64.dll                  | windows-x86_64    | netty-os-arch",
        // JavaCPP presets
        "org/bytedeco/opencv/linux-x86_64/libjniopencv_core.so              | linux-x86_64      | javacpp",
        "org/bytedeco/opencv/macosx-arm64/libjniopencv_core.dylib           | macos-arm64       | javacpp",
        "org/bytedeco/opencv/windows-x86_64/jniopencv_core.dll              | windows-x86_64    | javacpp",
        "org/bytedeco/javacpp/linux-armhf/libjnijavacpp.so                  | linux-armv7       | javacpp",
        // LWJGL 3
        "linux/x64/org/lwjgl/liblwjgl.so                                    | linux-x86_64      | lwjgl",
        "linux/arm64/org/lwjgl/liblwjgl.so                                  | linux-aarch64     | lwjgl",
        "macos/arm64/org/lwjgl/liblwjgl.dylib                               | macos-arm64       | lwjgl",
        "windows/x86/org/lwjgl/lwjgl32.dll                                  | windows-i686      | lwjgl",
        // zstd-jni 1.5.6-4, lz4-java 1.8.0
        "linux/amd64/libzstd-jni-1.5.6-4.so                                 | linux-x86_64      | zstd-jni-lz4-java",
        "darwin/aarch64/libzstd-jni-1.5.6-4.dylib                           | macos-arm64       | zstd-jni-lz4-java",
        "win/amd64/libzstd-jni-1.5.6-4.dll                                  | windows-x86_64    | zstd-jni-lz4-java",
        "linux/mips64/libzstd-jni-1.5.6-4.so                                | linux-mips64      | zstd-jni-lz4-java",
        "net/jpountz/util/linux/amd64/liblz4-java.so                        | linux-x86_64      | zstd-jni-lz4-java",
        "net/jpountz/util/win32/amd64/liblz4-java.so                        | windows-x86_64    | zstd-jni-lz4-java",
        // rocksdbjni
        "librocksdbjni-linux64.so                                           | linux-x86_64      | rocksdb",
        "librocksdbjni-linux64-musl.so                                      | linux-x86_64-musl | rocksdb",
        "librocksdbjni-linux-aarch64-musl.so                                | linux-aarch64-musl| rocksdb",
        "librocksdbjni-linux32.so                                           | linux-i686        | rocksdb",
        "librocksdbjni-osx-arm64.jnilib                                     | macos-arm64       | rocksdb",
        "librocksdbjni-win64.dll                                            | windows-x86_64    | rocksdb",
        // os-maven-plugin classifiers and generic tokens
        "natives/linux-x86_64/libfoo.so                                     | linux-x86_64      | os-maven-plugin-or-generic",
        "natives/osx-aarch_64/libfoo.dylib                                  | macos-arm64       | os-maven-plugin-or-generic",
        "natives/windows-x86_64/foo.dll                                     | windows-x86_64    | os-maven-plugin-or-generic",
        "native/linux-aarch_64/libfoo.so                                    | linux-aarch64     | os-maven-plugin-or-generic",
        "lib/linux-x86_64-musl/libfoo.so                                    | linux-x86_64-musl | os-maven-plugin-or-generic",
        "lib/Linux/x86_64/libfoo.so                                         | linux-x86_64      | os-maven-plugin-or-generic",
        "libfoo-linux-ppc64le.so                                            | linux-ppc64le     | os-maven-plugin-or-generic",
        // real layouts added 2026-12-04 (issue 16)
        "com/sun/jna/linux-armel/libjnidispatch.so                          | linux-armel       | jna",
        "com/sun/jna/aix-ppc64/libjnidispatch.a                             | aix-ppc64         | jna",
        "com/sun/jna/darwin/libjnidispatch.jnilib                           | macos-unknown     | jna-darwin-universal",
        "org/xerial/snappy/native/AIX/ppc64/libsnappyjava.a                 | aix-ppc64         | snappy-java",
        "jni/ppc64-AIX/libjffi-1.2.a                                        | aix-ppc64         | jffi",
        "jni/sparcv9-SunOS/libjffi-1.2.so                                   | solaris-sparcv9   | jffi",
        "jni/Darwin/libjffi-1.2.jnilib                                      | macos-unknown     | jffi-darwin-universal",
        "org/sqlite/native/Linux-Alpine/x86_64/libsqlitejdbc.so             | linux-x86_64-musl | sqlite-jdbc",
        "org/sqlite/native/Linux/android-arm/libsqlitejdbc.so               | android-armv7     | sqlite-jdbc-android-old",
        "org/jline/nativ/Linux/ppc64/libjlinenative.so                      | linux-ppc64le     | xerial-osinfo",
        "org/fusesource/jansi/internal/native/Mac/arm64/libjansi.jnilib     | macos-arm64       | xerial-osinfo",
        "Android/armeabi-v7a/libjSerialComm.so                              | android-armv7     | jserialcomm",
        "Linux/armv8_64/libjSerialComm.so                                   | linux-aarch64     | jserialcomm",
        "META-INF/native/linux32/libjansi.so                                | linux-i686        | hawtjni",
        "lib/arm64-v8a/libjnijavacpp.so                                     | android-aarch64   | android-abi",
        "lib/amd64-FreeBSD-clang/jni/libjunixsocket-native-2.10.1.so        | freebsd-x86_64    | junixsocket",
        "natives/linux_ppc/libjssc.so                                       | linux-ppc64le     | jssc-2.9",
        "libs/linux/libjSSC-2.8_armsf.so                                    | linux-armel       | jssc-2.8",
        "META-INF/native/libnetty_transport_native_kqueue_aarch_64.jnilib   | macos-arm64       | netty-kqueue",
        "native/x86_64-musl/libfoo.so                                       | linux-x86_64-musl | arch-musl",
        "natives/linux-musl-x86_64/libfoo.so                                | linux-x86_64-musl | os-maven-plugin-or-generic",
        "natives/sunos-sparcv9/libfoo.so                                    | solaris-sparcv9   | os-maven-plugin-or-generic",
    })
    void knownLayouts(String path, String expected, String convention) {
        PathConventions.Match match = PathConventions.get().declared(path);
        assertEquals(expected, match == null ? null : match.platform().label(), path);
        assertEquals(convention, match.convention(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "com/sun/jna/aix-ppc64/libjnidispatch.a",    // aix is known, but .a members are not natives anyway
        "lib/libfoo.so",
        "native/libfoo.so",
        "darwinian/x86_64-ish/libfoo.so",
        "org/sqlite/native/Linux/sparc9000/libsqlitejdbc.so",
    })
    void unknownLayoutsStayUnmapped(String path) {
        PathConventions.Match match = PathConventions.get().declared(path);
        if (path.startsWith("com/sun/jna/aix")) {
            assertEquals("aix-ppc64", match.platform().label());
            return;
        }
        assertNull(match, path);
    }

    /** Per-platform file names of one library give one identity, and the platform words they carry. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // name                                     | bits | identity                      | os      | arch
        "libfoo.so.1.2                               | 64 | foo                           | -       | -",
        "libfoo-linux64.so                           | 64 | foo                           | linux   | -",
        "libfoo-osx-arm64.jnilib                     | 64 | foo                           | macos   | aarch64",
        "foo-win64.dll                               | 64 | foo                           | windows | -",
        "libfoo.so_linux_amd64                       | 64 | foo                           | linux   | x86_64",
        "libfoo-linux-x86_64.so                      | 64 | foo                           | linux   | x86_64",
        "libfoo-linux-x86-64.so                      | 64 | foo                           | linux   | x86_64",
        "foo_x64.dll                                 | 64 | foo                           | windows | x86_64",
        "librocksdbjni-linux-aarch64-musl.so         | 64 | rocksdbjni                    | linux   | aarch64",
        "librocksdbjni-win64.dll                     | 64 | rocksdbjni                    | windows | -",
        "libnetty_transport_native_epoll_aarch_64.so | 64 | netty_transport_native_epoll  | -       | aarch64",
        "libnetty_resolver_dns_native_macos_x86_64.jnilib | 64 | netty_resolver_dns_native | macos   | x86_64",
        "lwjgl64.dll                                 | 64 | lwjgl                         | windows | -",
        "lwjgl32.dll                                 | 32 | lwjgl                         | windows | -",
        "OpenAL32.dll                                | 32 | OpenAL                        | windows | -",
        "jinput-dx8_64.dll                           | 64 | jinput-dx8                    | windows | -",
        // a word size fused to the name stays when the header has another size: crc32 is its own name
        "libcrc32.so                                 | 64 | crc32                         | -       | -",
        // libGDX: an ARM word fused to the name, taken off when the header is that ARM
        "libgdxarm64.so                              | 64 | gdx                           | -       | aarch64",
        "libgdxarm.so                                | 32 | gdx                           | -       | armv7",
        "libgdx64.dylib                              | 64 | gdx                           | macos   | -",
        // no separator, no version numbers taken for platform words, not a library file
        "libx64.so                                   | 64 | x64                           | -       | -",
        "libzstd-jni-1.5.6-4.so                      | 64 | zstd-jni-1.5.6-4              | -       | -",
        "python3.13                                  | 64 | python3.13                    | -       | -",
        "t64-arm.exe                                 | 64 | t64-arm.exe                   | -       | -",
    })
    void libraryIdentityFromPerPlatformNames(String name, int bits, String identity, String os, String arch) {
        PathConventions.Name parsed = PathConventions.get().name(name, bits, bits == 64 ? "aarch64" : "armv7");
        assertEquals(identity, parsed.identity(), name);
        assertEquals(os, parsed.os(), name);
        assertEquals(arch, parsed.arch(), name);
    }
}
