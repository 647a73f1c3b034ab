using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.Settings;
using Pulumi;
using Pulumi.Testing;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>The engine receives exactly the plan: types, names, inputs, parents, providers, options and secrets.</summary>
public class BindingTests
{
    public static TheoryData<string> Stacks() => ["de-prod", "ch-prod", "peak-weihnachten"];

    private static async Task<(StackPlan Plan, PlanRegistrar Registrar, Mocks Mocks, IDictionary<string, object?> Outputs)> Register(string stack)
    {
        var plan = StackPlanner.Plan(StackSettingsReader.Read(StackFileLoader.Load(Repository.Root, stack)), Season.Weihnachten);
        var mocks = new Mocks();
        PlanRegistrar? registrar = null;
        var (_, outputs) = await Deployment.TestAsync(mocks, new TestOptions { StackName = stack, ProjectName = "freshfoodz-infra", IsPreview = false }, () =>
        {
            registrar = new PlanRegistrar(plan, new FakeSecretConfig());
            return Task.FromResult(registrar.Register());
        });
        return (plan, registrar!, mocks, outputs);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task EngineReceivesEveryPlannedResourceWithItsInputs(string stack)
    {
        var (plan, _, mocks, _) = await Register(stack);
        var received = mocks.Resources.Where(r => r.Type is not null && !r.Type.StartsWith("pulumi:providers:", StringComparison.Ordinal)
            && !r.Type.StartsWith("freshfoodz:", StringComparison.Ordinal)).ToDictionary(r => r.Name!);
        Assert.Equal(plan.Resources.Select(r => r.Name).Order(), received.Keys.Order());
        foreach (var resource in plan.Resources)
        {
            var args = received[resource.Name];
            Assert.Equal(resource.Type, args.Type);
            foreach (var (key, value) in resource.Inputs.Entries.Where(e => e.Value is PlanString or PlanInt or PlanBool))
            {
                Assert.True(args.Inputs.ContainsKey(key), $"{resource.Name}: input {key} not received");
                Assert.Equal(PlanCommandText(value), Convert.ToString(args.Inputs[key], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task OptionsCarryParentProviderProtectAndVersion(string stack)
    {
        var (plan, registrar, _, _) = await Register(stack);
        foreach (var resource in plan.Resources)
        {
            var registration = registrar.Registrations.Single(r => r.Name == resource.Name);
            var options = Assert.IsType<CustomResourceOptions>(registration.Options);
            Assert.Equal(resource.Options.Parent, options.Parent?.GetResourceName());
            Assert.Equal(resource.Options.Provider, options.Provider?.GetResourceName());
            Assert.Equal(resource.Options.Protect, options.Protect ?? false);
            Assert.Equal(resource.Options.RetainOnDelete, options.RetainOnDelete ?? false);
            Assert.Equal(resource.Options.IgnoreChanges.ToList(), options.IgnoreChanges);
            Assert.Equal(resource.Options.AdditionalSecretOutputs.ToList(), options.AdditionalSecretOutputs);
            Assert.Equal(ProviderVersions.For(resource.Package), options.Version);
        }
        Assert.All(plan.Providers, p => Assert.Equal(p.Version, registrar.Registrations.Single(r => r.Name == p.Name).Options.Version));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task KubeconfigIsASecretDecodedFromTheCredentialsInvoke(string stack)
    {
        var (plan, registrar, mocks, _) = await Register(stack);
        var k8s = plan.Providers.Single(p => p.Package == "kubernetes");
        var kubeconfig = Assert.IsType<Output<string>>(registrar.Registrations.Single(r => r.Name == k8s.Name).Args["kubeconfig"]);
        Assert.True(await Output.IsSecretAsync(kubeconfig));
        Assert.Contains(mocks.Calls, c => c.Token == "azure-native:containerservice:listManagedClusterUserCredentials");
        var received = mocks.Resources.Single(r => r.Type == "pulumi:providers:kubernetes");
        Assert.Equal(Mocks.Kubeconfig, received.Inputs["kubeconfig"]);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task AdminPasswordsAreSecretOutputs(string stack)
    {
        var (plan, registrar, _, _) = await Register(stack);
        foreach (var server in plan.Resources.Where(r => r.Inputs["administratorLoginPassword"] is not null))
        {
            var password = Assert.IsType<Output<string>>(registrar.Registrations.Single(r => r.Name == server.Name).Args["administratorLoginPassword"]);
            Assert.True(await Output.IsSecretAsync(password));
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task OutputsHoldNoSecret(string stack)
    {
        var (_, _, _, outputs) = await Register(stack);
        Assert.Equal(["capacity", "clusterName", "databaseEndpoints", "drVerdict", "effectiveSeason", "territory"], outputs.Keys.Order());
        foreach (var output in Flatten(outputs.Values).OfType<Output<string>>())
        {
            Assert.False(await Output.IsSecretAsync(output));
        }
    }

    [Fact]
    public void PulumiConfigGivesTheSameSettingsAsTheStackFile()
    {
        var file = StackFileLoader.Load(Repository.Root, "ch-prod");
        var fromPulumi = PulumiCliConfig.For(Repository.Root, "ch-prod").Read("ch-prod");
        Assert.Equal(
            PlanJson.Serialize(StackPlanner.Plan(StackSettingsReader.Read(file), Season.Spargel)),
            PlanJson.Serialize(StackPlanner.Plan(StackSettingsReader.Read(fromPulumi), Season.Spargel)));
    }

    [Fact]
    public void UserErrorsBecomeMessagesWithoutAStack()
    {
        var file = StackFileLoader.Load(Repository.Root, "de-prod");
        var values = new Dictionary<string, ConfigNode>(file.Values) { ["freshfoodz:season"] = new ConfigScalar("summer", null) };
        var e = Assert.Throws<ResourceException>(() => StackBuilder.Settings(file with { Values = values }));
        Assert.Contains("freshfoodz:season: unknown season 'summer'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A recorded state the program cannot read ends the run with the output named, never as "not deployed".</summary>
    [Fact]
    public void AnUnreadableRecordIsAMessageWithoutAStack()
    {
        var settings = StackSettingsReader.Read(StackFileLoader.Load(Repository.Root, "de-prod"));
        var outputs = new Dictionary<string, object?>
        {
            ["seasonSwitch"] = new Dictionary<string, object?>
            {
                ["deployed"] = new Dictionary<string, object?> { ["apps"] = "summer", ["primaries"] = "baseline", ["replicas"] = "baseline" },
            },
        };
        var e = Assert.Throws<ResourceException>(() => StackBuilder.Plan(settings, outputs, new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero), "freshfoodz-infra", out _));
        Assert.Equal("stack output seasonSwitch.deployed.apps is 'summer', not a season (baseline, spargel, oktoberfest, weihnachten)", e.Message);
    }

    /// <summary>
    /// A restore drill enters the plan on the first run after its restore point reached the log backups (15 minutes
    /// after it); before, the run goes on without it and says so: Azure refuses a point in the future, and a refused
    /// plan would stop every run, a season switch's among them.
    /// </summary>
    [Fact]
    public void ARestoreDrillWaitsForItsRestorePoint()
    {
        var committed = StackSettingsReader.Read(StackFileLoader.Load(Repository.Root, "peak-weihnachten"));
        var point = new DateTimeOffset(2027, 3, 2, 3, 0, 0, TimeSpan.Zero);
        var settings = committed with { Plan = committed.Plan with { RestoreDrill = new RestoreDrillPlan(new DateOnly(2027, 3, 2), [DrTier.High], point) } };
        bool Drilled(DateTimeOffset at, out string message) =>
            StackBuilder.Plan(settings, new Dictionary<string, object?>(), at, "freshfoodz-infra", out message).Resources.Any(r => r.Name == "restore-drill-high-pitr-server");
        // The day before (the rule PostgresRestorePointRestorable would refuse the plan) and the drill's night before the point.
        foreach (var at in new[] { point.AddDays(-1), point.AddHours(-1), point.AddMinutes(14) })
        {
            Assert.False(Drilled(at, out var message), at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            Assert.EndsWith("; the restore drill 20270302 waits for its restore point 2027-03-02T03:00:00Z to reach the log backups (from 2027-03-02T03:15Z)", message, StringComparison.Ordinal);
        }
        Assert.True(Drilled(point.AddMinutes(15), out var after));
        Assert.DoesNotContain("restore drill", after, StringComparison.Ordinal);
    }

    private static IEnumerable<object?> Flatten(IEnumerable<object?> values) =>
        values.SelectMany(v => v is System.Collections.IDictionary d ? Flatten(d.Values.Cast<object?>()) : [v]);

    private static string PlanCommandText(PlanValue value) => value switch
    {
        PlanString s => s.Value,
        PlanInt i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PlanBool b => b.Value ? "True" : "False",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private sealed class FakeSecretConfig : ISecretConfig
    {
        public Output<string> Require(string key) => Output.CreateSecret($"secret-for-{key}");
    }
}

internal static class Repository
{
    public static string Root { get; } = FreshFoodz.Testing.RepositoryRoot.Path;

}
