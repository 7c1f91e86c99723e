namespace Scheduler.Web.Rendering;

/// <summary>The parameters of a component that takes one <c>Model</c>, as every page and fragment of ours does.</summary>
internal static class ModelParameters
{
    public static Dictionary<string, object?> Of(object model) => new(StringComparer.Ordinal) { ["Model"] = model };
}
