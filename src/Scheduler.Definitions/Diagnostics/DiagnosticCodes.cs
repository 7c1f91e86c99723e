namespace Scheduler.Definitions.Diagnostics;

/// <summary>
/// The stable codes of every diagnostic. Codes never change meaning once released: CI logs,
/// editor integrations and docs/task-format.md refer to them.
/// </summary>
public static class DiagnosticCodes
{
    // The file itself.
    public const string FileUnreadable = "SCH001";
    public const string YamlSyntax = "SCH002";
    public const string EmptyFile = "SCH003";
    public const string NotAMapping = "SCH004";
    public const string FileTooLarge = "SCH005";
    public const string NestingTooDeep = "SCH006";
    public const string AliasExpansion = "SCH007";
    public const string NotText = "SCH008";
    public const string MultipleDocuments = "SCH009";

    // Ids.
    public const string InvalidTaskId = "SCH010";
    public const string DuplicateTaskId = "SCH011";

    // Schedules.
    public const string InvalidCron = "SCH012";
    public const string CronNeverFires = "SCH013";
    public const string UnknownTimeZone = "SCH014";
    public const string MissingSchedule = "SCH015";
    public const string ConflictingSchedules = "SCH016";
    public const string InvalidTimeOfDay = "SCH017";

    // Keys and values.
    public const string UnknownKey = "SCH020";
    public const string DuplicateKey = "SCH021";
    public const string WrongType = "SCH022";
    public const string InvalidDuration = "SCH023";
    public const string OutOfRange = "SCH024";
    public const string InvalidChoice = "SCH025";
    public const string MissingRequired = "SCH026";
    public const string InvalidValue = "SCH027";

    // Handlers.
    public const string MissingHandler = "SCH030";
    public const string ConflictingHandlers = "SCH031";

    // Templates.
    public const string TemplateSyntax = "SCH040";
    public const string UnknownTemplateVariable = "SCH041";

    // Secrets.
    public const string SecretInDefinition = "SCH050";

    /// <summary>A warning: a <c>from-env</c> name is not set where <c>validate</c> runs.</summary>
    public const string SecretNotSet = "SCH051";

    // Chains and groups (cross-file).
    public const string UnknownUpstream = "SCH060";
    public const string ChainCycle = "SCH061";
    public const string GroupLimitMismatch = "SCH062";

    // Warnings.
    public const string DstGap = "SCH100";
    public const string DstRepeatedHour = "SCH101";

    /// <summary>A warning: a chained task follows a task that is disabled, so it will not run until that one is enabled.</summary>
    public const string UpstreamDisabled = "SCH102";

    /// <summary>
    /// A warning: a chained task follows a task that existed and was deleted (removed by the change <c>plan</c> shows,
    /// or retired in the service's store), so it will not run after it. <c>validate</c>, which reads only the folder, reports SCH060.
    /// </summary>
    public const string UpstreamRetired = "SCH103";
}
