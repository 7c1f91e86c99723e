namespace Scheduler.Engine.Tests.Engine;

/// <summary>What a scripted run does when the engine calls the handler.</summary>
internal enum Fate
{
    Succeed,
    Fail,

    /// <summary>Waits until the test releases it; a stop from the engine makes it return Cancelled, as real handlers do.</summary>
    Block,

    /// <summary>Waits until the test releases it, deaf to the engine's stop (a handler past its kill-grace).</summary>
    BlockIgnoringStop,
}
