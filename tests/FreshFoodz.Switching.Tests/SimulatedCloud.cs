using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks;

namespace FreshFoodz.Switching.Tests;

/// <summary>A violation of the switch's invariants, with the run and the cloud state it happened in.</summary>
internal sealed record Violation(DateTimeOffset At, string What);

/// <summary>
/// The cloud a season switch acts on, as units the runs change one at a time: app capacity, and each seasonal
/// PostgreSQL server (a primary or a replica) at the SKU of some season, or not created yet. A run changes the units
/// whose planned season differs from the cloud's, in a random order, and an interrupted run stops after a random part
/// of them, as a failed <c>pulumi up</c> does (the engine records no outputs then). After every single change the
/// invariants are checked: no replica smaller than its primary; no server's compute changed outside the low-traffic
/// window unless the override day allows it; and no run scales a primary and its replica up together.
/// </summary>
internal sealed class SimulatedCloud(SwitchContext context)
{
    private const string Server = "azure-native:dbforpostgresql:Server";

    private readonly Dictionary<string, Season?> _servers = context.CapacityResources
        .Where(n => context.SeasonPlans[Season.Baseline].Resource(n).Type == Server)
        .ToDictionary(n => n, _ => (Season?)null);

    public Season? Apps { get; private set; }

    public List<Violation> Violations { get; } = [];

    /// <summary>How many server SKUs changed (a restart or failover each).</summary>
    public int ComputeChanges { get; private set; }

    public IReadOnlyDictionary<string, Season?> Servers => _servers;

    private bool IsReplica(string server) => context.SeasonPlans[Season.Baseline].Resource(server).Inputs.At("createMode") is PlanString { Value: "Replica" };

    public int Cores(string server, Season season) =>
        context.SeasonPlans[season].Resource(server).Inputs.At("sku.name") is PlanString { Value: var sku }
            ? context.Settings.Capacity.PostgresSkus.Single(s => s.Name == sku).VCores
            : throw new InvalidOperationException($"{server} has no sku");

    /// <summary>Applies what <paramref name="run"/> registers; <paramref name="stopAfter"/> changes if interrupted.</summary>
    public void Apply(SwitchRun run, DateTimeOffset at, Random random, int? stopAfter)
    {
        var changes = new List<(string Unit, Season To)>();
        if (Apps != run.Registered.Apps)
        {
            changes.Add(("apps", run.Registered.Apps));
        }
        foreach (var (server, season) in _servers)
        {
            var group = IsReplica(server) ? CapacityGroup.Replicas : CapacityGroup.Primaries;
            // A held server keeps its live SKU (ignoreChanges); an uncreated one is created all the same.
            if (season is not null && run.Held.Contains(group))
            {
                continue;
            }
            if (season != run.Registered[group])
            {
                changes.Add((server, run.Registered[group]));
            }
        }
        var order = changes.OrderBy(_ => random.Next()).ToList();
        var ups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (unit, to) in order.Take(stopAfter ?? order.Count))
        {
            if (unit == "apps")
            {
                Apps = to;
                continue;
            }
            var from = _servers[unit];
            _servers[unit] = to;
            if (from is { } was)
            {
                ComputeChanges++;
                if (!run.Open)
                {
                    Violations.Add(new(at, $"{unit} changes {was.ConfigName()} → {to.ConfigName()} outside the low-traffic window ({run.Kind})"));
                }
                if (Cores(unit, to) > Cores(unit, was))
                {
                    ups.Add(unit);
                }
            }
            Check(at);
        }
        foreach (var tier in context.Facts.Tiers.Where(t => ups.Contains(t.Primary) && ups.Contains(t.Replica)))
        {
            Violations.Add(new(at, $"{tier.Primary} and {tier.Replica} scale up in one run ({run.Kind})"));
        }
    }

    private void Check(DateTimeOffset at)
    {
        foreach (var tier in context.Facts.Tiers)
        {
            if (_servers.GetValueOrDefault(tier.Primary) is { } p && _servers.GetValueOrDefault(tier.Replica) is { } r && Cores(tier.Replica, r) < Cores(tier.Primary, p))
            {
                Violations.Add(new(at, $"{tier.Replica} at {r.ConfigName()} ({Cores(tier.Replica, r)} vCores) is smaller than {tier.Primary} at {p.ConfigName()} ({Cores(tier.Primary, p)})"));
            }
        }
    }

    /// <summary>The number of changes a run would make (for choosing where an interrupted run stops).</summary>
    public int Pending(SwitchRun run) =>
        (Apps != run.Registered.Apps ? 1 : 0) + _servers.Count(s =>
        {
            var group = IsReplica(s.Key) ? CapacityGroup.Replicas : CapacityGroup.Primaries;
            return !(s.Value is not null && run.Held.Contains(group)) && s.Value != run.Registered[group];
        });
}
