using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>Small readings of a plan the rules share: typed inputs, resources by type, and the dependency order.</summary>
internal static class PlanFacts
{
    public const string PostgresServer = "azure-native:dbforpostgresql:Server";
    public const string PostgresConfiguration = "azure-native:dbforpostgresql:Configuration";
    public const string PostgresAdministrator = "azure-native:dbforpostgresql:Administrator";
    public const string StorageAccount = "azure-native:storage:StorageAccount";
    public const string Budget = "azure-native:consumption:Budget";
    public const string ManagedCluster = "azure-native:containerservice:ManagedCluster";
    public const string AgentPool = "azure-native:containerservice:AgentPool";
    public const string ScaledObject = "kubernetes:keda.sh/v1alpha1:ScaledObject";

    public static string? Text(this PlannedResource r, string path) => (r.Inputs.At(path) as PlanString)?.Value;

    /// <summary>The resource a reference input points at (<c>serverName</c> → the server), if it is a reference.</summary>
    public static string? RefTarget(this PlannedResource r, string path) => (r.Inputs.At(path) as PlanRef)?.Resource;

    public static bool IsReplica(this PlannedResource r) => r.Type == PostgresServer && r.Text("createMode") == "Replica";

    /// <summary>The same resource (type and name) in another plan of the stack, if it has one.</summary>
    public static PlannedResource? Twin(this StackPlan plan, PlannedResource r) =>
        plan.Resources.FirstOrDefault(o => o.Type == r.Type && o.Name == r.Name);

    /// <summary>The PostgreSQL parameters set on a server in the plan: name → value.</summary>
    public static IReadOnlyDictionary<string, (PlannedResource Configuration, string Value)> Parameters(this StackPlan plan, string server) =>
        plan.OfType(PostgresConfiguration)
            .Where(c => c.RefTarget("serverName") == server && c.Text("configurationName") is not null)
            .ToDictionary(c => c.Text("configurationName")!, c => (c, c.Text("value") ?? ""));

    /// <summary>Whether <paramref name="later"/> waits for <paramref name="earlier"/>: through references or dependsOn, transitively.</summary>
    public static bool WaitsFor(this StackPlan plan, string later, string earlier)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([later]);
        while (stack.TryPop(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }
            var resource = plan.Resources.FirstOrDefault(r => r.Name == name);
            if (resource is null)
            {
                continue;
            }
            foreach (var before in Dependencies(resource))
            {
                if (before == earlier)
                {
                    return true;
                }
                stack.Push(before);
            }
        }
        return false;
    }

    private static IEnumerable<string> Dependencies(PlannedResource r) =>
        r.Inputs.Descendants().OfType<PlanRef>().Select(x => x.Resource).Concat(r.Options.DependsOn).Distinct(StringComparer.Ordinal);
}
