using System.Globalization;

// Every thread the runtime starts (thread pool, HTTP) formats culture-invariant and Gregorian, whatever LANG says.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
return FreshFoodz.Cli.CliApp.Run(args, Console.Out, Console.Error, TimeProvider.System);
