using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Definitions.Scheduling;

/// <summary>
/// The fixed offset a task's <c>jitter</c> moves its slots by: whole seconds in [0, jitter), derived from the task id
/// alone, so it is the same on every replica, restart and machine (and in <c>next</c> and <c>plan</c> on a laptop).
/// </summary>
public static class JitterOffset
{
    public static TimeSpan For(string taskId, TimeSpan jitter)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var seconds = (ulong)Math.Floor(jitter.TotalSeconds);
        if (seconds <= 1)
        {
            return TimeSpan.Zero;
        }

        // A cryptographic hash only for its spread and its stability across runtimes (string.GetHashCode is
        // randomised per process): nearby ids such as team/a and team/b land far apart.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(taskId), hash);
        return TimeSpan.FromSeconds(BinaryPrimitives.ReadUInt64BigEndian(hash) % seconds);
    }
}
