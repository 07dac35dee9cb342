using ConsoleContext.Host.Commands;

return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
