using ConsoleContext.Protocol;

namespace ConsoleContext.Native.Platforms;

/// <summary>Classic console CTI (<c>cti.</c>): <c>onCallBegin</c> {id, callType?} and <c>onCallEnd</c> {id, duration, disposition}.</summary>
internal static class ClassicCtiMapper
{
    private const string DefaultCallType = "inbound";

    public static bool Map(string name, NativeContext c)
    {
        var p = c.Payload;
        switch (name)
        {
            case "onCallBegin":
            {
                var id = p.Required("id");
                c.Emit(EventTypes.CallStarted).With("callId", id).With("callType", p.OptionalString("callType") ?? DefaultCallType);
                return true;
            }
            case "onCallEnd":
            {
                var id = p.Required("id");
                c.Emit(EventTypes.CallEnded).With("callId", id).With("disposition", p.OptionalString("disposition"));
                return true;
            }
            default:
                return false;
        }
    }
}
