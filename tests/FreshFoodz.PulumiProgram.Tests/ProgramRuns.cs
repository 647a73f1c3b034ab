using System.Collections.Immutable;
using Pulumi;
using Pulumi.Testing;

namespace FreshFoodz.PulumiProgram.Tests;

/// <summary>One run of the program: what went over the wire, the outputs the engine recorded (null: none), the error if it failed.</summary>
internal sealed record ProgramRunResult(WireRecorder Wire, ImmutableDictionary<string, object>? Recorded, Exception? Error);

/// <summary>
/// Runs the program's entry point (<see cref="StackBuilder.BuildAsync(DateTimeOffset, Action{string})"/>, with the
/// engine log as Program.cs gives it) under the SDK's test deployment, the way the CLI starts it: config handed over,
/// the stack reference to itself reading <c>previous</c> (what the last completed run recorded).
/// </summary>
internal static class ProgramRuns
{
    public const string Organization = "freshfoodz";
    public const string Project = "freshfoodz-infra";

    public static async Task<ProgramRunResult> Run(
        string projectDir, string stack, string? season, DateTimeOffset now, ImmutableDictionary<string, object>? previous, string? failing = null)
    {
        var config = PulumiCliConfig.For(projectDir, stack, season);
        var wire = new WireRecorder();
        Exception? error = null;
        using (new PulumiEnvironment(config))
        {
            try
            {
                await ProgramRun.RunAsync(new WireMocks(previous, failing),
                    new TestOptions { StackName = stack, ProjectName = Project, OrganizationName = Organization, IsPreview = false }, () =>
                    {
                        wire.Install();
                        return StackBuilder.BuildAsync(now, message => Log.Info(message));
                    });
            }
            catch (Exception e) when (failing is not null)
            {
                error = e;
            }
        }
        return new ProgramRunResult(wire, WirePlan.RecordedOutputs(wire), error);
    }
}
