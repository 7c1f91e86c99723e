using Microsoft.Extensions.Configuration;
using Scheduler.Engine.Reconciling;

namespace Scheduler.Serving;

/// <summary>The git source's options: the flags, then <c>Scheduler:Git</c> settings for what has no flag.</summary>
internal static class GitSettings
{
    public static GitSourceOptions Read(GitServeOptions flags, IConfiguration configuration)
    {
        var section = configuration.GetSection("Scheduler:Git");
        var defaults = new GitSourceOptions { Url = flags.Url };
        return new GitSourceOptions
        {
            Url = flags.Url,
            Branch = flags.Branch,
            Path = flags.Path,
            Interval = flags.Interval,
            FetchTimeout = section.GetValue("FetchTimeout", defaults.FetchTimeout),
            TokenVariable = section["TokenVariable"] ?? defaults.TokenVariable,
            Username = section["Username"] ?? defaults.Username,
        };
    }
}
