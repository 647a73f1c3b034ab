using System.Globalization;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;
using FreshFoodz.Switching;
using Pulumi;

namespace FreshFoodz.PulumiProgram;

/// <summary>
/// The stack: settings from Pulumi config (validated exactly like the offline loader), the season switch's recorded
/// state read from the stack's own outputs, the next safe step toward today's season (FreshFoodz.Switching), the plan
/// of that step registered as it is, and a line in the engine log saying what the run did and what comes next. User
/// errors end the run with their message only, never a stack trace.
/// </summary>
public static class StackBuilder
{
    public static Task<IDictionary<string, object?>> BuildAsync() => BuildAsync(DateTimeOffset.UtcNow, message => Log.Info(message));

    /// <summary>The same path at a given instant (UTC), which decides today's season and the low-traffic window.</summary>
    internal static async Task<IDictionary<string, object?>> BuildAsync(DateTimeOffset now, Action<string> log)
    {
        // Registered values are culture-invariant and Gregorian whatever the host's culture (as the offline tool's).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        var instance = Deployment.Instance;
        var settings = Settings(PulumiConfigSource.Read(instance.StackName));
        // The stack's own outputs, as the last completed run recorded them (pulumi/pulumi#3722: a stack may reference
        // itself). A read that fails ends the run: it must never be taken for a stack that was never deployed.
        var reference = new StackReference(SwitchPlanner.StateReference, new StackReferenceArgs
        {
            Name = $"{instance.OrganizationName}/{SwitchPlanner.StackReferenceName(instance.ProjectName, instance.StackName)}",
        });
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in new[] { SwitchRecord.OutputName, SwitchRecord.LegacyOutputName })
        {
            try
            {
                var details = await reference.GetOutputDetailsAsync(name).ConfigureAwait(false);
                outputs[name] = details.Value ?? details.SecretValue;
            }
            catch (Exception e) when (e is not ResourceException)
            {
                throw new ResourceException(
                    $"could not read the stack's own output {name} ({instance.OrganizationName}/{instance.ProjectName}/{instance.StackName}): {e.Message}; "
                    + "the run stops rather than take the stack for one never deployed", reference, hideStack: true);
            }
        }
        var plan = Plan(settings, outputs, now, instance.ProjectName, out var message);
        log(message);
        return new PlanRegistrar(plan, new PulumiSecretConfig(), new Dictionary<string, StackReference> { [SwitchPlanner.StateReference] = reference }).Register();
    }

    /// <summary>The run's decision and plan from the recorded outputs, with every user error turned into a message.</summary>
    internal static StackPlan Plan(StackSettings settings, IReadOnlyDictionary<string, object?> outputs, DateTimeOffset now, string project, out string message)
    {
        try
        {
            var drill = settings.Plan.RestoreDrill;
            settings = settings.AtRunTime(now);
            var context = SwitchContext.For(settings);
            var run = SwitchRun.Decide(settings, context.Facts, SwitchRecord.Read(outputs), now);
            message = drill is not null && settings.Plan.RestoreDrill is null
                ? $"{run.Message}; the restore drill {drill.DateCode} waits for its restore point {drill.PointInTimeText} to reach the log backups (from {drill.RestorableFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)})"
                : run.Message;
            return SwitchPlanner.Plan(context, run, project, DateOnly.FromDateTime(now.UtcDateTime));
        }
        catch (Exception e) when (e is PlanPolicyException or CapacityException or SwitchException or SwitchRecordException)
        {
            throw new ResourceException(e.Message, null!, hideStack: true);
        }
    }

    /// <summary>Settings from config, with every user error turned into a message Pulumi shows without a stack.</summary>
    public static StackSettings Settings(StackConfig config)
    {
        try
        {
            return StackSettingsReader.Read(config);
        }
        catch (StackSettingsException e)
        {
            throw new ResourceException(e.Message, null!, hideStack: true);
        }
    }
}
