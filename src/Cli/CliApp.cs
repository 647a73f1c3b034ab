using System.CommandLine;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Cli.Commands;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli;

/// <summary>
/// The offline tool. Exit codes: 0 success, 1 bad command line, 2 invalid stack settings, 3 a sizing or plan
/// that cannot be met. User errors print one line each, never a stack trace.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int UsageError = 1;
    public const int SettingsError = 2;
    public const int PlanningError = 3;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock)
    {
        var context = new CliContext(stdout, stderr, clock);
        var root = new RootCommand("FreshFoodz.Infra offline tool: capacity, plans and seasonal operations files of the territory stacks, without Pulumi.")
        {
            CapacityCommand.Create(context),
            PlanCommand.Create(context),
            DiffCommand.Create(context),
            RenderCommand.Create(context),
            ReportCommand.Create(context),
        };
        var parsed = root.Parse(args);
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (StackSettingsException e)
        {
            stderr.WriteLine($"error: {e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")} in the stack settings:");
            foreach (var error in e.Errors)
            {
                stderr.WriteLine($"  {error}");
            }
            return SettingsError;
        }
        catch (CapacityException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return PlanningError;
        }
        catch (PlanPolicyException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return PlanningError;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return UsageError;
        }
    }
}

/// <summary>What every command writes to and reads the date from (injected so tests can pin them).</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Clock)
{
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
}

/// <summary>A bad option value the parser could not catch (e.g. a malformed date).</summary>
public sealed class UsageException(string message) : Exception(message);
