using Scheduler.Definitions.Model;
using Scheduler.Engine.Handlers;

namespace Scheduler.Engine.Tests.Handlers;

public sealed class HandlerRegistryTests
{
    [Fact]
    public void The_default_registry_serves_every_handler_kind_of_the_task_format()
    {
        using var registry = HandlerRegistry.CreateDefault();

        Assert.IsType<CommandRunHandler>(registry.For(new CommandHandler(["true"])));
        Assert.IsType<ShellRunHandler>(registry.For(new ShellHandler("true")));
        Assert.IsType<HttpRunHandler>(registry.For(new HttpHandler("http://x/", "GET", [], HttpHandler.DefaultTimeout, new Dictionary<string, TaskValue>(), null)));
        Assert.IsType<SqliteBackupRunHandler>(registry.For(new SqliteBackupHandler("a.db", "backups", 7)));
        Assert.IsType<CleanupRunHandler>(registry.For(new CleanupHandler("logs", "*", null, 1, null, false)));
        Assert.Equal(5, registry.Kinds.Count);
    }
}
