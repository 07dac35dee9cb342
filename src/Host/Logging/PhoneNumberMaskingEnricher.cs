using ConsoleContext.Rules;
using Serilog.Core;
using Serilog.Events;

namespace ConsoleContext.Host.Logging;

/// <summary>
/// Last line of defence for "never log a full phone number": any log property whose name says it is a
/// number or phone is rewritten to keep its last two digits only, whoever logged it.
/// </summary>
public sealed class PhoneNumberMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (IsPhoneProperty(name) && value is ScalarValue { Value: string text })
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(PhoneNumbers.Mask(text))));
        }
    }

    private static bool IsPhoneProperty(string name) =>
        name.Contains("phone", StringComparison.OrdinalIgnoreCase)
        || name.Equals("number", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("Number", StringComparison.Ordinal) && !name.Contains("Seq", StringComparison.Ordinal);
}
