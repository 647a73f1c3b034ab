using System.Text.Json.Nodes;
using FreshFoodz.Cli;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>
/// Registration equals the plan: the real entry point (<see cref="StackBuilder.BuildAsync(DateTimeOffset, Action{string})"/>,
/// the path Program.cs takes) runs under the SDK's test deployment with config handed over as the Pulumi CLI hands it
/// over, and what reaches the engine — every registration with its options and secrets, every invoke, the stack
/// reference it reads itself through, the stack outputs — read back into plan form is text for text what
/// <c>plan --format json</c> prints for the same stack, season and day (a stack steady at that day's season).
/// </summary>
public class RegistrationTests
{
    private static readonly DateOnly PlanDay = new(2026, 12, 2);

    /// <summary>
    /// A day inside each season under <c>auto</c> on which the committed stacks' Kubernetes 1.36 can be created (GA
    /// 2026-06-30, end of support 2027-06-30): Weihnachten is the stacks' creation day; the 2027 days come after the
    /// audit lock's deadline (creation + 30 days), so they are planned as the stacks will then be, locked.
    /// </summary>
    private static readonly (string Season, DateOnly Day)[] AutoDays =
    [
        ("baseline", new(2027, 2, 10)),
        ("spargel", new(2027, 5, 12)),
        ("oktoberfest", new(2026, 9, 15)),
        ("weihnachten", new(2026, 12, 2)),
    ];

    /// <summary>The audit archive must be locked by this day (freshfoodz:createdOn 2026-12-02 + 30 days).</summary>
    private static readonly DateOnly LockDeadline = new(2027, 1, 1);

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var stack in new[] { "de-prod", "ch-prod", "peak-weihnachten" })
        {
            foreach (var season in new[] { "baseline", "spargel", "oktoberfest", "weihnachten" })
            {
                data.Add(stack, season, PlanDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
            foreach (var (_, day) in AutoDays)
            {
                data.Add(stack, "auto", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task WhatTheEngineReceivesIsThePlan(string stack, string season, string day)
    {
        var plan = OfflinePlan(stack, season, day);
        if (season == "auto")
        {
            Assert.Equal(AutoDays.Single(d => d.Day == DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).Season, (string?)plan["season"]);
        }
        var wire = await Registered(stack, season, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        var registered = WirePlan.Read(wire);
        var target = (string)plan["season"]!;
        foreach (var notRegistered in new[] { "drMatrix", "retired", "season", "stack", "territory" })
        {
            plan.Remove(notRegistered);
        }
        var differences = PlanDifferences.Between(plan, registered);
        Assert.True(differences.Count == 0, $"{stack} {season} {day}: {differences.Count} differences\n{string.Join("\n", differences.Take(40))}");
        Assert.Equal(WirePlan.Canonical(plan), WirePlan.Canonical(registered));
        // The stack reads itself in the organization it runs in, and says what it did.
        Assert.Equal($"{ProgramRuns.Organization}/{ProgramRuns.Project}/{stack}", (string?)Assert.Single(wire.Of("ReadResourceAsync"))["id"]);
        Assert.Equal([$"{stack}: steady at {target} ({(season == "auto" ? "auto, by date" : "pinned")})"], wire.Logs);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryRegistrationIsPinnedAndSetsNothingThePlanDoesNot(string stack, string season, string day)
    {
        var wire = await Registered(stack, season, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        var problems = new List<string>();
        foreach (var r in wire.Of("RegisterResourceAsync").Where(r => r["custom"]?.GetValue<bool>() == true))
        {
            var type = (string)r["type"]!;
            var package = type.StartsWith("pulumi:providers:", StringComparison.Ordinal) ? type["pulumi:providers:".Length..] : type[..type.IndexOf(':', StringComparison.Ordinal)];
            if ((string?)r["version"] != ProviderVersions.For(package))
            {
                problems.Add($"{r["name"]}: version {r["version"]}, pinned {ProviderVersions.For(package)}");
            }
            problems.AddRange(WirePlan.FieldsThePlanNeverSets.Where(f => r[f] is { } v && v.ToJsonString() is not ("{}" or "[]" or "false" or "\"\""))
                .Select(f => $"{r["name"]}: sets {f} = {r[f]!.ToJsonString()}"));
            if ((r["deleteBeforeReplaceDefined"]?.GetValue<bool>() ?? false) != (r["deleteBeforeReplace"]?.GetValue<bool>() ?? false))
            {
                problems.Add($"{r["name"]}: deleteBeforeReplace defined without being true (an explicit false overrides the provider's choice)");
            }
        }
        foreach (var i in wire.Of("InvokeAsync"))
        {
            var package = ((string)i["tok"]!).Split(':')[0];
            if ((string?)i["version"] != ProviderVersions.For(package))
            {
                problems.Add($"invoke {i["tok"]}: version {i["version"]}, pinned {ProviderVersions.For(package)}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.NotEmpty(wire.Of("InvokeAsync"));
    }

    /// <summary>The engine orders and protects by the dependencies it is told of: each input's dependencies are
    /// exactly the resources the plan references in that input.</summary>
    [Theory]
    [InlineData("de-prod")]
    [InlineData("ch-prod")]
    public async Task PropertyDependenciesAreThePlansReferences(string stack)
    {
        var plan = PlanJson.Deserialize(OfflinePlan(stack, "weihnachten", "2026-12-02").ToJsonString());
        var wire = await Registered(stack, "weihnachten", PlanDay);
        foreach (var r in wire.Of("RegisterResourceAsync").Where(r => r["custom"]?.GetValue<bool>() == true))
        {
            var name = (string)r["name"]!;
            var inputs = plan.Resources.FirstOrDefault(x => x.Name == name)?.Inputs ?? plan.Providers.Single(p => p.Name == name).Inputs;
            foreach (var (key, value) in inputs.Entries)
            {
                var expected = value.Descendants().OfType<PlanRef>().Select(x => x.Resource).Distinct().Order(StringComparer.Ordinal);
                var actual = (r["propertyDependencies"]?[key]?["urns"]?.AsArray() ?? []).Select(u => WirePlan.NameOf((string)u!)).Distinct().Order(StringComparer.Ordinal);
                Assert.True(expected.SequenceEqual(actual), $"{name}.{key}: plan references [{string.Join(", ", expected)}], engine told [{string.Join(", ", actual)}]");
            }
        }
    }

    /// <summary>
    /// A restore drill registers as planned: its servers, the verification Jobs and their reference to the drill server's
    /// creation time (systemData.createdAt, an output the program declares), on its day, production included.
    /// </summary>
    [Fact]
    public async Task ARestoreDrillRegistersAsPlanned()
    {
        var day = new DateOnly(2027, 3, 2);
        var project = Project(day, "freshfoodz:restoreDrill: {date: 2027-03-02, tiers: [critical, standard]}");
        var plan = OfflinePlan("de-prod", "baseline", "2027-03-02", project);
        Assert.Contains(plan["resources"]!.AsArray(), r => (string)r!["name"]! == "restore-drill-standard-geo-verify");
        var registered = WirePlan.Read(await Registered("de-prod", "baseline", day, project));
        foreach (var notRegistered in new[] { "drMatrix", "season", "stack", "territory" })
        {
            plan.Remove(notRegistered);
        }
        var differences = PlanDifferences.Between(plan, registered);
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(40)));
        Assert.Contains("systemData.createdAt", registered.ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The rehearsal's chaos experiments reach the engine paused, with the pause annotation under ignoreChanges in
    /// Pulumi's bracket path syntax (its key holds dots), so a refreshing run during the hold leaves a resumed one running.
    /// </summary>
    [Fact]
    public async Task ChaosExperimentsLeaveTheirPauseToPeople()
    {
        var wire = await Registered("peak-weihnachten", "weihnachten", PlanDay);
        var experiments = wire.Of("RegisterResourceAsync").Where(r => ((string?)r["type"])?.StartsWith("kubernetes:chaos-mesh.org/", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(4, experiments.Count);
        Assert.All(experiments, r =>
        {
            Assert.Equal(["metadata.annotations[\"experiment.chaos-mesh.org/pause\"]"], (r["ignoreChanges"]?.AsArray() ?? []).Select(v => (string?)v));
            Assert.Equal("true", (string?)r["object"]?["metadata"]?["annotations"]?["experiment.chaos-mesh.org/pause"]);
        });
    }

    /// <summary>The recorder and the reader see a difference when there is one: a registrar that drops protect, or
    /// sends a password in the clear, is caught (the reading is not vacuous).</summary>
    [Fact]
    public async Task AChangedRegistrationIsFound()
    {
        var plan = OfflinePlan("ch-prod", "baseline", "2026-12-02");
        var registered = WirePlan.Read(await Registered("ch-prod", "baseline", PlanDay));
        var server = registered["resources"]!.AsArray().Single(r => (string)r!["name"]! == "data-critical-server")!;
        server["options"]!.AsObject().Remove("protect");
        server["inputs"]!["administratorLoginPassword"] = "plain";
        plan.Remove("drMatrix");
        plan.Remove("season");
        plan.Remove("stack");
        plan.Remove("territory");
        plan.Remove("retired");
        var differences = PlanDifferences.Between(plan, registered);
        Assert.Contains(differences, d => d.StartsWith("resource 'data-critical-server': options.protect: plan true, registered null", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("resource 'data-critical-server': administratorLoginPassword", StringComparison.Ordinal)
            || d.StartsWith("resource 'data-critical-server': inputs.administratorLoginPassword", StringComparison.Ordinal));
    }

    /// <summary>
    /// The options a plan may carry beyond the committed plans' — an alias (a previous URN), custom timeouts,
    /// deleteBeforeReplace and replaceOnChanges — reach the engine as the plan says, read back like every other option;
    /// and a registration that drops one is caught.
    /// </summary>
    [Fact]
    public async Task EveryResourceOptionTravelsOnTheWire()
    {
        var original = PlanJson.Deserialize(OfflinePlan("ch-prod", "baseline", "2026-12-02").ToJsonString());
        var server = original.Resource("data-critical-server");
        var renamed = server with
        {
            Options = server.Options with
            {
                Aliases = [Urns.Of("ch-prod", "freshfoodz:data:TieredDatabase$azure-native:dbforpostgresql:Server", "data-critical-postgres")],
                CustomTimeouts = new PlanTimeouts(Create: TimeSpan.FromMinutes(125), Delete: TimeSpan.FromMinutes(45)),
                DeleteBeforeReplace = true,
                ReplaceOnChanges = ["sku.tier", "version"],
            },
        };
        // Registered by the registrar alone, without the program's own stack reference (SwitchNightsTests cover that).
        var plan = original with { Resources = original.Resources.Replace(server, renamed), StackReferences = [] };
        var wire = new WireRecorder();
        using (new PulumiEnvironment(PulumiCliConfig.For(Repository.Root, "ch-prod", "baseline")))
        {
            await ProgramRun.RunAsync(new WireMocks(), new Pulumi.Testing.TestOptions { StackName = "ch-prod", ProjectName = Urns.Project, IsPreview = false }, () =>
            {
                wire.Install();
                return Task.FromResult(new PlanRegistrar(plan, new PulumiSecretConfig()).Register());
            });
        }
        var request = wire.Of("RegisterResourceAsync").Single(r => (string?)r["name"] == "data-critical-server");
        Assert.Equal("7500000000000ns", (string?)request["customTimeouts"]?["create"]);
        Assert.True(request["deleteBeforeReplaceDefined"]?.GetValue<bool>());

        var expected = PlanJson.ToJson(plan);
        foreach (var notRegistered in new[] { "drMatrix", "retired", "season", "stack", "territory" })
        {
            expected.Remove(notRegistered);
        }
        var registered = WirePlan.Read(wire);
        Assert.Empty(PlanDifferences.Between(expected, registered));

        var dropped = registered["resources"]!.AsArray().Single(r => (string)r!["name"]! == "data-critical-server")!["options"]!.AsObject();
        dropped.Remove("aliases");
        dropped.Remove("customTimeouts");
        dropped.Remove("replaceOnChanges");
        var differences = PlanDifferences.Between(expected, registered);
        Assert.Contains(differences, d => d.StartsWith("resource 'data-critical-server': options.aliases: plan [", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("resource 'data-critical-server': options.customTimeouts: plan {", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("resource 'data-critical-server': options.replaceOnChanges: plan [", StringComparison.Ordinal));
    }

    /// <summary>
    /// The committed project, or after the lock deadline a copy whose stacks have taken the lock step; with
    /// <paramref name="extra"/> a copy whose stack files also set that line.
    /// </summary>
    internal static string Project(DateOnly day, string? extra = null)
    {
        if (day <= LockDeadline && extra is null)
        {
            return Repository.Root;
        }
        var copy = Path.Combine(Path.GetTempPath(), extra is null ? "freshfoodz-registration-locked" : "freshfoodz-registration-drill");
        Directory.CreateDirectory(Path.Combine(copy, "prices"));
        File.Copy(Path.Combine(Repository.Root, "Pulumi.yaml"), Path.Combine(copy, "Pulumi.yaml"), overwrite: true);
        FreshFoodz.Testing.ProjectCopy.CopyEnvironments(copy);
        foreach (var stack in new[] { "de-prod", "ch-prod", "peak-weihnachten" })
        {
            var text = File.ReadAllText(Path.Combine(Repository.Root, $"Pulumi.{stack}.yaml"));
            Assert.Contains("freshfoodz:auditImmutability: unlocked", text, StringComparison.Ordinal);
            text = text.Replace("freshfoodz:auditImmutability: unlocked", "freshfoodz:auditImmutability: locked", StringComparison.Ordinal);
            if (extra is not null)
            {
                text = text.Replace("  freshfoodz:territory:", $"  {extra}\n  freshfoodz:territory:", StringComparison.Ordinal);
            }
            File.WriteAllText(Path.Combine(copy, $"Pulumi.{stack}.yaml"), text);
            File.Copy(Path.Combine(Repository.Root, "prices", $"{stack}.prices.yaml"), Path.Combine(copy, "prices", $"{stack}.prices.yaml"), overwrite: true);
        }
        return copy;
    }

    /// <summary><c>plan --format json</c>, run as a user runs it.</summary>
    private static JsonObject OfflinePlan(string stack, string season, string day, string? project = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(["plan", "--stack", stack, "--season", season, "--date", day, "--format", "json", "--project-dir", project ?? Project(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))], stdout, stderr, TimeProvider.System);
        Assert.True(exit == 0, stderr.ToString());
        return JsonNode.Parse(stdout.ToString())!.AsObject();
    }

    /// <summary>
    /// Runs the program's entry point under the SDK's test deployment, recording the wire, at 02:00 UTC on
    /// <paramref name="day"/> for a stack last deployed at that day's season (as a program before the recorded switch
    /// left it: output effectiveSeason alone), so it is steady: what <c>plan</c> shows.
    /// </summary>
    internal static async Task<WireRecorder> Registered(string stack, string season, DateOnly day, string? project = null)
    {
        project ??= Project(day);
        var settings = Stacks.Settings.StackSettingsReader.Read(PulumiCliConfig.For(project, stack, season).Read(stack));
        var previous = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty
            .Add("effectiveSeason", Capacity.Seasons.SeasonNames.ConfigName(settings.EffectiveSeason(day)));
        var run = await ProgramRuns.Run(project, stack, season, new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero), previous);
        return run.Wire;
    }
}

/// <summary>Sets PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS for one test deployment (tests here run one at a time).</summary>
internal sealed class PulumiEnvironment : IDisposable
{
    public PulumiEnvironment(PulumiCliConfig config)
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", config.ConfigJson);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", config.SecretKeysJson);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PULUMI_CONFIG", null);
        Environment.SetEnvironmentVariable("PULUMI_CONFIG_SECRET_KEYS", null);
    }
}
