namespace Scheduler.Definitions.Model;

/// <summary>Where a <see cref="SecretReference"/> is read from when a run starts.</summary>
public enum SecretSource
{
    /// <summary><c>from-env: NAME</c>: a variable of the scheduler's own environment.</summary>
    Environment,

    /// <summary><c>from-file: PATH</c>: a file, e.g. a Docker or Kubernetes secret mounted into the container.</summary>
    File,
}
