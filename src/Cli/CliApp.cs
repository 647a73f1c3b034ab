using System.CommandLine;
using System.Globalization;
using FreshFoodz.Calibration;
using FreshFoodz.Capacity.Sizing;
using FreshFoodz.Cli.Commands;
using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Stacks.Policies;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;
using FreshFoodz.Stacks.Sources;

namespace FreshFoodz.Cli;

/// <summary>
/// The offline tool. Exit codes: 0 success, 1 bad command line, 2 invalid stack settings, price sheet or plan file, 3 a
/// sizing or plan that cannot be met or a release the release check refuses, 4 an outside source that could not be read (calibrate's Prometheus, the Retail Prices
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
        // Dates, numbers and text in every output are culture-invariant and Gregorian, whatever LANG or a runtime
        // configuration says (a Thai culture would print Buddhist years): the culture flows into every await below.
        var culture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            using var output = new TerminalSafeWriter(stdout);
            using var errors = new TerminalSafeWriter(stderr);
            return RunInvariant(args, output, errors, clock, environment, ReferenceEquals(stderr, Console.Error));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = culture;
        }
    }

    private static int RunInvariant(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock, Func<string, string?> environment, bool stderrIsConsole)
    {
        var context = new CliContext(stdout, stderr, clock) { ErrorIsConsole = stderrIsConsole };
        var root = new RootCommand("FreshFoodz.Infra offline tool: capacity, plans and seasonal operations files of the territory stacks, without Pulumi.")
        {
            CapacityCommand.Create(context),
            PlanCommand.Create(context),
            DiffCommand.Create(context),
            RenderCommand.Create(context),
            CalibrateCommand.Create(context, environment),
            ReportCommand.Create(context, environment),
            PricesCommand.Create(context),
            ReleaseCheckCommand.Create(context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line each, the tokens escaped (a newline or an escape sequence in an argument stays on its line).
            var help = string.Join(' ', ["freshfoodz", .. CommandPath(parsed.CommandResult), "--help"]);
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {OneLine(error.Message)} (see {help})");
            }
            return UsageError;
        }
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
                stderr.WriteLine($"  {OneLine(error.ToString())}");
            }
            return SettingsError;
        }
        catch (PriceSheetException e) when (e.Errors.Count > 1)
        {
            stderr.WriteLine($"error: {e.Errors.Count} problems in {OneLine(e.Errors[0].Source)}:");
            foreach (var error in e.Errors)
            {
                stderr.WriteLine($"  {OneLine(error.ToString())}");
            }
            return SettingsError;
        }
        catch (PriceSheetException e)
        {
            return Fail(stderr, e.Message, SettingsError);
        }
        catch (PlanFileException e)
        {
            return Fail(stderr, e.Message, SettingsError); // one line: the --base path may hold a newline
        }
        catch (PriceRefreshException e)
        {
            return Fail(stderr, e.Message, MeasurementError);
        }
        catch (CapacityException e)
        {
            return Fail(stderr, e.Message, PlanningError);
        }
        catch (PlanPolicyException e)
        {
            return Fail(stderr, e.Message, PlanningError);
        }
        catch (Switching.SwitchException e)
        {
            return Fail(stderr, e.Message, PlanningError);
        }
        catch (CalibrationException e)
        {
            return Fail(stderr, e.Message, MeasurementError);
        }
        catch (ServerException e)
        {
            return Fail(stderr, $"{e.Url}: {e.Detail}", MeasurementError);
        }
        catch (UsageException e)
        {
            return Fail(stderr, e.Message, UsageError);
        }
        catch (FileWriteException e)
        {
            return Fail(stderr, e.Message, OutputError);
        }
        catch (Exception e)
        {
            // The one place an unexpected exception ends: one line, no stack trace, a code of its own.
            return Fail(stderr, $"internal error ({e.GetType().Name}: {ValueText.OneLine(e.Message, 200)}); this is a bug in freshfoodz, please report it with the command line", InternalError);
        }
    }

    /// <summary>An error: one line, whatever its message holds (a path with a newline, a server's escape sequence).</summary>
    private static int Fail(TextWriter stderr, string message, int code)
    {
        stderr.WriteLine($"error: {OneLine(message)}");
        return code;
    }

    /// <summary>A message on one line: control and formatting characters escaped, at most 2000 characters.</summary>
    private static string OneLine(string text) => ValueText.OneLine(text, 2000);

    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent)
        {
            names.Push(r.Command.Name);
        }
        return names;
    }
}

/// <summary>What every command writes to and reads the date from (injected so tests can pin them).</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Clock)
{
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Whether errors go to the process's own stderr (behind <see cref="Error"/>'s escaping), where a terminal may show progress.</summary>
    public bool ErrorIsConsole { get; init; }
}

/// <summary>A bad option value the parser could not catch (e.g. a malformed date).</summary>
public sealed class UsageException(string message) : Exception(message);

