using System.Globalization;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Stacks;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;
using Pulumi;

namespace FreshFoodz.PulumiProgram;

/// <summary>
/// The stack: settings from Pulumi config (validated exactly like the offline loader), the core's plan for today's
/// season, registered as it is. User errors end the run with their message only, never a stack trace.
/// </summary>
public static class StackBuilder
{
    public static Task<IDictionary<string, object?>> BuildAsync() => BuildAsync(DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>The same path on a given day (UTC), which decides the season under <c>auto</c>.</summary>
    internal static Task<IDictionary<string, object?>> BuildAsync(DateOnly today)
    {
        // Registered values are culture-invariant and Gregorian whatever the host's culture (as the offline tool's).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        var plan = PlanFor(PulumiConfigSource.Read(Deployment.Instance.StackName), today);
        return Task.FromResult(new PlanRegistrar(plan, new PulumiSecretConfig()).Register());
    }

    /// <summary>Settings and plan, with every user error turned into a message Pulumi shows without a stack.</summary>
    public static Components.Plan.StackPlan PlanFor(StackConfig config, DateOnly today)
    {
        try
        {
            return StackPlanner.Plan(StackSettingsReader.Read(config), today);
        }
        catch (Exception e) when (e is StackSettingsException or PlanPolicyException or CapacityException)
        {
            throw new ResourceException(e.Message, null!, hideStack: true);
        }
    }
}
