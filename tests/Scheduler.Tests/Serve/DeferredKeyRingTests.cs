using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scheduler.Serving;

namespace Scheduler.Tests.Serve;

/// <summary>serve leaves the data-protection key ring to its first use (docs/performance.md, idle).</summary>
public sealed class DeferredKeyRingTests
{
    [Fact]
    public async Task The_built_serve_host_has_no_hosted_service_that_loads_the_key_ring_at_start_up()
    {
        var root = Directory.CreateTempSubdirectory("scheduler-keyring-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "schedules"));
            var options = new ServeOptions(Path.Combine(root, "schedules"), Path.Combine(root, "data"), "http://127.0.0.1:0", "keyring-test", null, 1.0);
            await using var app = await ServeHost.BuildAsync(options, root, null, CancellationToken.None);

            var hosted = app.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName).ToList();

            Assert.DoesNotContain(DeferredKeyRing.HostedServiceName, hosted);
            Assert.NotEmpty(hosted); // the scheduler's own service is still there
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Data_protection_registers_the_start_up_service_by_that_name_so_the_removal_is_real()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection();

        Assert.Contains(services, s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.FullName == DeferredKeyRing.HostedServiceName);
        DeferredKeyRing.Apply(services);
        Assert.DoesNotContain(services, s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.FullName == DeferredKeyRing.HostedServiceName);
    }

    [Fact]
    public void The_key_ring_is_created_on_the_first_protect_and_protecting_works()
    {
        var keys = Directory.CreateTempSubdirectory("scheduler-keys-");
        try
        {
            var services = new ServiceCollection().AddLogging();
            services.AddDataProtection().PersistKeysToFileSystem(keys);
            DeferredKeyRing.Apply(services);
            using var provider = services.BuildServiceProvider();
            var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            Assert.Empty(keys.GetFiles());

            Assert.Equal("antiforgery", protector.Unprotect(protector.Protect("antiforgery")));
            Assert.Single(keys.GetFiles("key-*.xml"));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }
}
