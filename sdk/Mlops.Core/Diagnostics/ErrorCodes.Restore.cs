namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>MLOPS4xxx: restore of an aggregator's sub-pipelines (docs/diagnostics-restore.md).</summary>
    public static class Restore
    {
        /// <summary>A SubPipelineReference's Include is not a pipeline package name.</summary>
        public const string InvalidReferenceName = "MLOPS4001";

        /// <summary>A SubPipelineReference has no Version, or it is not NuGet version-range syntax.</summary>
        public const string InvalidVersionRange = "MLOPS4002";

        /// <summary>The type name of a wrapper (Alias, or the PascalCase of the package name) is not a C# identifier.</summary>
        public const string InvalidAlias = "MLOPS4003";

        /// <summary>Two references name the same package, or give their wrappers the same type name.</summary>
        public const string DuplicateReference = "MLOPS4004";

        /// <summary>A reference's Registry is neither <c>local</c> nor an existing folder of local registries.</summary>
        public const string InvalidRegistry = "MLOPS4005";

        /// <summary>The namespace of the wrappers (MlopsSubPipelinesNamespace) is not a C# namespace.</summary>
        public const string InvalidNamespace = "MLOPS4006";

        /// <summary>A restore property (MlopsRestoreLockedMode, MlopsRestoreForceEvaluate) is neither true nor false (reported by the SDK's targets).</summary>
        public const string InvalidProperty = "MLOPS4007";

        /// <summary>The registry has no pipeline package of the referenced name.</summary>
        public const string PackageNotFound = "MLOPS4010";

        /// <summary>No version tag of the package satisfies the reference's range.</summary>
        public const string NoMatchingVersion = "MLOPS4011";

        /// <summary>Locked mode: the references no longer match mlops.lock.json.</summary>
        public const string LockFileStale = "MLOPS4020";

        /// <summary>Locked mode: there is no mlops.lock.json.</summary>
        public const string LockFileMissing = "MLOPS4021";

        /// <summary>mlops.lock.json cannot be read: not JSON, or not the format this SDK writes.</summary>
        public const string LockFileInvalid = "MLOPS4022";

        /// <summary>A cached IR's bytes no longer match the digest it is stored under.</summary>
        public const string CachedIrTampered = "MLOPS4030";

        /// <summary>A design-time (offline) restore needs a lock entry or a cached IR that is not there.</summary>
        public const string NotRestored = "MLOPS4031";

        /// <summary>The restored file is not a KFP pipeline spec.</summary>
        public const string InvalidIr = "MLOPS4040";

        /// <summary>The sub-pipeline has an input or output that a C# wrapper cannot express.</summary>
        public const string UnsupportedInterface = "MLOPS4041";

        /// <summary>The restore tool failed without reporting a problem (reported by the SDK's task).</summary>
        public const string RestoreToolFailed = "MLOPS4050";

        /// <summary>The restore tool rejected the command line the SDK gave it (reported by the SDK's task).</summary>
        public const string RestoreToolCommandLine = "MLOPS4051";

        /// <summary>mlops.lock.json pins a version at a digest that is not that version's in its registry.</summary>
        public const string LockFileDigestMismatch = "MLOPS4023";

        /// <summary>mlops.lock.json cannot be written or read as a file: read-only, a folder, or not permitted.</summary>
        public const string LockFileUnwritable = "MLOPS4024";

        /// <summary>A sub-pipeline's IR has a platform spec (its second YAML document), which composition cannot carry.</summary>
        public const string PlatformSpecUnsupported = "MLOPS4042";
    }
}
