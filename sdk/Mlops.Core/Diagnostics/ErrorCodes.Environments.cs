namespace Mlops.Diagnostics;

public static partial class ErrorCodes
{
    /// <summary>MLOPS50xx: what is wrong in mlops.environments.json, or an environment it does not define (docs/diagnostics-environments.md).</summary>
    public static partial class Environments
    {
        public const string FileNotFound = "MLOPS5001";
        public const string InvalidJson = "MLOPS5002";
        public const string DuplicateKey = "MLOPS5003";
        public const string UnknownKey = "MLOPS5004";
        public const string WrongValueType = "MLOPS5005";
        public const string InvalidEnvironmentName = "MLOPS5006";
        public const string MissingRegistry = "MLOPS5007";
        public const string InvalidRegistryAddress = "MLOPS5008";
        public const string UnknownPromotesFrom = "MLOPS5009";
        public const string PromotionCycle = "MLOPS5010";
        public const string NoTrainingEnvironment = "MLOPS5011";
        public const string TrainingEnvironmentPromotes = "MLOPS5012";
        public const string UnknownRunnerKind = "MLOPS5013";
        public const string IncompleteRunner = "MLOPS5014";
        public const string InvalidPipelineRoot = "MLOPS5015";
        public const string InvalidServiceAccount = "MLOPS5016";
        public const string UnknownEnvironment = "MLOPS5017";
    }
}
