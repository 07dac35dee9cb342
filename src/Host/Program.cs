using ConsoleContext.Host;
using ConsoleContext.Host.Commands;

if (args.Length > 0 && args[0] == "replay")
    return await ReplayCommand.RunAsync(args[1..], Console.Out, Console.Error);
if (args.Length > 0 && args[0] == "simulate")
    return await SimulateCommand.RunAsync(args[1..], Console.Out, Console.Error);

await TrackerApp.Create(args).RunAsync();
return 0;
