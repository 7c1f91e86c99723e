namespace Scheduler.Tests.Replicas;

/// <summary>
/// The tests on a real PostgreSQL share one private cluster and run one at a time, apart from every other
/// test: they start serve processes that fire every second.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresReplicas : ICollectionFixture<PostgresServer>
{
    public const string Name = "serve replicas on PostgreSQL, one at a time";
}
