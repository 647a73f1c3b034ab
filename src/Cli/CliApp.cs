using System.CommandLine;
using FreshFoodz.Calibration;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Cli.Commands;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Cli;

/// <summary>
/// The offline tool. Exit codes: 0 success, 1 bad command line, 2 invalid stack settings or price sheet, 3 a sizing
/// or plan that cannot be met, 4 an outside source that could not be read (calibrate's Prometheus, the Retail Prices
/// API), 5 an output file that could not be written, 70 an internal error (a bug: no user input should reach it).
/// Errors print one line each, never a stack trace.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int UsageError = 1;
    public const int SettingsError = 2;
    public const int PlanningError = 3;
    public const int MeasurementError = 4;
    public const int OutputError = 5;

    /// <summary>EX_SOFTWARE of BSD sysexits.h: the tool itself failed. The hostile-input corpus shows no input reaches it.</summary>
    public const int InternalError = 70;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock) =>
        Run(args, stdout, stderr, clock, Environment.GetEnvironmentVariable);

    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="clock">Today, for auto seasons and calibration windows.</param>
    /// <param name="environment">Where credentials are read from (never the command line).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, Func<string, string?> environment)
    {
        var context = new CliContext(stdout, stderr, clock);
        var root = new RootCommand("FreshFoodz.Infra offline tool: capacity, plans and seasonal operations files of the territory stacks, without Pulumi.")
        {
            CapacityCommand.Create(context),
            PlanCommand.Create(context),
            DiffCommand.Create(context),
            RenderCommand.Create(context),
            CalibrateCommand.Create(context, environment),
            ReportCommand.Create(context, environment),
            PricesCommand.Create(context),
        };
        var parsed = root.Parse(args);
        try
        {
            var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return parsed.InvokeAsync(configuration).GetAwaiter().GetResult();
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
        catch (PriceSheetException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return SettingsError;
        }
        catch (PriceRefreshException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return MeasurementError;
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
        catch (CalibrationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return MeasurementError;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (OutputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return OutputError;
        }
        catch (Exception e)
        {
            // The one place an unexpected exception ends: one line, no stack trace, a code of its own.
            stderr.WriteLine($"error: internal error ({e.GetType().Name}: {OneLine(e.Message)}); this is a bug in freshfoodz, please report it with the command line");
            return InternalError;
        }
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}

/// <summary>What every command writes to and reads the date from (injected so tests can pin them).</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Clock)
{
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
}

/// <summary>A bad option value the parser could not catch (e.g. a malformed date).</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>An output file that could not be written (permissions, a full disk, a folder in the way); the message names it.</summary>
public sealed class OutputException(string message) : Exception(message);
