using ConsoleContext.Host.Commands;
using ConsoleContext.Host.Wiring;

if (args.Length > 0 && args[0] == "replay")
    return await ReplayCommand.RunAsync(args[1..], Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.AddTracker();
var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
await app.RunAsync();
return 0;
