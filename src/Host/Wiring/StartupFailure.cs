using Microsoft.AspNetCore.Connections;

namespace ConsoleContext.Host.Wiring;

/// <summary>Turns an exception that stopped the service from starting into the one line an operator reads.</summary>
public static class StartupFailure
{
    public const string Prefix = "ConsoleContext cannot start: ";

    /// <summary>One line (no line breaks) naming the thing that is wrong and what to do about it.</summary>
    public static string Describe(Exception ex)
    {
        var root = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : ex;
        var text = root switch
        {
            StartupException startup => startup.Message,
            IOException { InnerException: AddressInUseException } bind =>
                $"{bind.Message.TrimEnd('.')}; stop the process that uses it or choose another address with --urls=http://127.0.0.1:PORT",
            InvalidOperationException invalid when invalid.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
                $"invalid setting: {invalid.Message.TrimEnd('.')}; fix it on the command line, in the environment or in appsettings.json (docs/configuration.md)",
            _ => $"{root.GetType().Name}: {root.Message} (--verbose prints the stack trace)",
        };
        return Prefix + string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }
}
