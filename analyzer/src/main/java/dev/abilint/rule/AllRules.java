package dev.abilint.rule;

import dev.abilint.rule.artifact.ApkNativeLibraryUnaligned;
import dev.abilint.rule.artifact.ArchiveLimitExceeded;
import dev.abilint.rule.artifact.DebugInfoDominatesSize;
import dev.abilint.rule.artifact.ArchiveUnreadableMember;
import dev.abilint.rule.artifact.ArchiveUnsafeEntryName;
import dev.abilint.rule.artifact.ExtensionInZipimportArchive;
import dev.abilint.rule.artifact.JavaClassVersionTooNew;
import dev.abilint.rule.artifact.MultiReleaseMisconfigured;
import dev.abilint.rule.artifact.NativeArchMismatch;
import dev.abilint.rule.artifact.SdistContainsBinaries;
import dev.abilint.rule.artifact.WheelPureWithBinaries;
import dev.abilint.rule.artifact.WheelPlatlibWithoutBinaries;
import dev.abilint.rule.artifact.WheelRecordMismatch;
import dev.abilint.rule.artifact.WheelTagMetadataMismatch;
import dev.abilint.rule.core.NothingToCheck;
import dev.abilint.rule.core.ParseError;
import dev.abilint.rule.declared.DeclaredSymbolMissing;
import dev.abilint.rule.jni.JniExportOrphan;
import dev.abilint.rule.jni.JniNativeMethodUnbound;
import dev.abilint.rule.natives.NativeGlibcFloor;
import dev.abilint.rule.natives.NativeLibraryNameMismatch;
import dev.abilint.rule.natives.NativeLibraryNotBundled;
import dev.abilint.rule.natives.NativeLibraryUnused;
import dev.abilint.rule.natives.NativeLibcxxSharedMissing;
import dev.abilint.rule.natives.NativeMuslMissing;
import dev.abilint.rule.natives.NativePageAlignment;
import dev.abilint.rule.natives.NativePlatformMissing;
import dev.abilint.rule.linux.LinuxExecStack;
import dev.abilint.rule.linux.LinuxGlibcSymbolTooNew;
import dev.abilint.rule.linux.LinuxIsaTooHigh;
import dev.abilint.rule.linux.LinuxLibcMismatch;
import dev.abilint.rule.linux.LinuxLibraryNotAllowed;
import dev.abilint.rule.linux.LinuxRpathAbsolute;
import dev.abilint.rule.linux.LinuxTextrel;
import dev.abilint.rule.macos.MacosArchMissing;
import dev.abilint.rule.macos.MacosDylibNotBundled;
import dev.abilint.rule.macos.MacosImportNewerThanMinimum;
import dev.abilint.rule.macos.MacosMinVersion;
import dev.abilint.rule.macos.MacosMinVersionAboveTag;
import dev.abilint.rule.python.Abi3SymbolNewerThanFloor;
import dev.abilint.rule.python.Abi3SymbolOutsideStableAbi;
import dev.abilint.rule.python.Abi3tIncompatible;
import dev.abilint.rule.python.BorrowedReferenceApi;
import dev.abilint.rule.python.ExportNamespacePollution;
import dev.abilint.rule.python.LibraryNotBundledButProvided;
import dev.abilint.rule.python.LibpythonLinked;
import dev.abilint.rule.python.ModuleInitMissing;
import dev.abilint.rule.python.ModuleSinglePhaseInit;
import dev.abilint.rule.python.FreeThreadedModuleEnablesGil;
import dev.abilint.rule.python.ModuleStaticTypes;
import dev.abilint.rule.python.PrivateCApi;
import dev.abilint.rule.python.PythonBuildFlavourMismatch;
import dev.abilint.rule.python.TagBinaryMismatch;
import dev.abilint.rule.pypy.GraalpyCApiMissing;
import dev.abilint.rule.pypy.PypyCApiMissing;
import dev.abilint.rule.pypy.PypyPortCApiMissing;
import dev.abilint.rule.release.ReleaseAcceleratorNoFallback;
import dev.abilint.rule.release.ReleasePlatformUncovered;
import dev.abilint.rule.release.ReleaseSdistMissing;
import dev.abilint.rule.windows.WindowsDllNameNotMangled;
import dev.abilint.rule.windows.WindowsDllNotBundled;
import dev.abilint.rule.windows.WindowsLegacyCrt;
import dev.abilint.rule.windows.WindowsPythonDllMismatch;
import dev.abilint.rule.windows.WindowsVcRuntimeOlderThanToolset;
import java.util.List;

/** Every rule abilint runs, in the order they run. Adding a rule: a line here and a catalogue row. */
public final class AllRules {
    private AllRules() {}

    public static List<Rule> all() {
        return List.of(
                new ParseError(),
                new NothingToCheck(),
                // Python extension modules and their wheels
                new Abi3SymbolOutsideStableAbi(),
                new Abi3SymbolNewerThanFloor(),
                new Abi3tIncompatible(),
                new TagBinaryMismatch(),
                new PythonBuildFlavourMismatch(),
                new LibpythonLinked(),
                new ModuleInitMissing(),
                new ModuleSinglePhaseInit(),
                new FreeThreadedModuleEnablesGil(),
                new ModuleStaticTypes(),
                new BorrowedReferenceApi(),
                new PrivateCApi(),
                new ExportNamespacePollution(),
                // PyPy (alternative interpreters)
                new PypyCApiMissing(),
                new GraalpyCApiMissing(),
                new PypyPortCApiMissing(),
                // Releases (several artifacts of one project version)
                new ReleaseSdistMissing(),
                new ReleasePlatformUncovered(),
                new ReleaseAcceleratorNoFallback(),
                // Linux
                new LinuxExecStack(),
                new LinuxGlibcSymbolTooNew(),
                new LinuxLibraryNotAllowed(),
                new LinuxLibcMismatch(),
                new LinuxIsaTooHigh(),
                new LinuxTextrel(),
                new LinuxRpathAbsolute(),
                // macOS
                new MacosMinVersionAboveTag(),
                new MacosMinVersion(),
                new MacosArchMissing(),
                new MacosDylibNotBundled(),
                new MacosImportNewerThanMinimum(),
                // Windows
                new WindowsPythonDllMismatch(),
                new WindowsDllNotBundled(),
                new WindowsLegacyCrt(),
                new WindowsVcRuntimeOlderThanToolset(),
                new WindowsDllNameNotMangled(),
                // what the not-bundled rules above accepted as supplied by the config or a required wheel
                new LibraryNotBundledButProvided(),
                // Java natives: declared interfaces against exports, and the platforms a jar ships
                new JniNativeMethodUnbound(),
                new JniExportOrphan(),
                new DeclaredSymbolMissing(),
                new NativePlatformMissing(),
                new NativeGlibcFloor(),
                new NativeMuslMissing(),
                new NativePageAlignment(),
                new NativeLibraryNameMismatch(),
                new NativeLibraryNotBundled(),
                new NativeLibraryUnused(),
                new NativeLibcxxSharedMissing(),
                new ApkNativeLibraryUnaligned(),
                // Artifacts: archives, wheels and jars
                new ArchiveLimitExceeded(),
                new ArchiveUnsafeEntryName(),
                new ArchiveUnreadableMember(),
                new WheelRecordMismatch(),
                new WheelPureWithBinaries(),
                new WheelPlatlibWithoutBinaries(),
                new WheelTagMetadataMismatch(),
                new DebugInfoDominatesSize(),
                new SdistContainsBinaries(),
                new ExtensionInZipimportArchive(),
                new JavaClassVersionTooNew(),
                new MultiReleaseMisconfigured(),
                new NativeArchMismatch());
    }

    /** What {@code inspect} runs: only the facts of reading, no judgement. */
    public static List<Rule> readingOnly() {
        return List.of(new ParseError(), new ArchiveLimitExceeded(), new ArchiveUnreadableMember());
    }
}
