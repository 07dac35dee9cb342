using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using Xunit;

namespace ConsoleContext.Tests.Parsing;

/// <summary>R10 for <c>at</c>: the ISO-8601 and epoch-millisecond forms, 0-9 fraction digits, offsets and the years 2000-2099.</summary>
public class EventTimestampSpecs
{
    private static ParseResult ParseAt(string at) =>
        ConsoleEventParser.Parse($$"""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","at":{{at}}}""");

    private static DateTimeOffset AcceptedAt(string at)
    {
        var result = ParseAt(at);
        Assert.True(result.IsValid, result.Rejection?.Error);
        return result.Event!.Header.At!.Value;
    }

    private static string RejectedAt(string at)
    {
        var result = ParseAt(at);
        Assert.False(result.IsValid, $"at {at} was accepted as {result.Event?.Header.At:O}");
        Assert.Equal(Reasons.InvalidEvent, result.Rejection!.Reason);
        Assert.StartsWith("at ", result.Rejection.Error, StringComparison.Ordinal);
        return result.Rejection.Error!;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s = 0, long extraTicks = 0) =>
        new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).AddTicks(extraTicks);

    [Theory]
    [InlineData("\"2026-11-24T09:15Z\"", 0L, 0)]
    [InlineData("\"2026-11-24T09:15:07Z\"", 0L, 7)]
    [InlineData("\"2026-11-24T09:15:07.1Z\"", 1_000_000L, 7)]
    [InlineData("\"2026-11-24T09:15:07.123Z\"", 1_230_000L, 7)]
    [InlineData("\"2026-11-24T09:15:07.1234567Z\"", 1_234_567L, 7)]
    [InlineData("\"2026-11-24T09:15:07.12345678Z\"", 1_234_567L, 7)]
    [InlineData("\"2026-11-24T09:15:07.123456789Z\"", 1_234_567L, 7)]
    [InlineData("\"2026-11-24T09:15:07.999999999Z\"", 9_999_999L, 7)]
    public void Iso_at_takes_optional_seconds_and_1_to_9_fraction_digits_truncated_to_100_ns(string at, long fractionTicks, int second) =>
        Assert.Equal(Utc(2026, 11, 24, 9, 15, second, fractionTicks), AcceptedAt(at));

    [Theory]
    [InlineData("\"2026-11-24T11:15+02:00\"", 2 * 60)]
    [InlineData("\"2026-11-24T03:45:00-05:30\"", -(5 * 60 + 30))]
    [InlineData("\"2026-11-24T09:15:00+00:00\"", 0)]
    [InlineData("\"2026-11-24T09:15:00-00:00\"", 0)]
    [InlineData("\"2026-11-25T09:14:00+23:59\"", 23 * 60 + 59)]
    [InlineData("\"2026-11-23T09:16:00-23:59\"", -(23 * 60 + 59))]
    public void Offsets_up_to_23_59_give_the_same_instant(string at, int offsetMinutes)
    {
        var parsed = AcceptedAt(at);
        Assert.Equal(Utc(2026, 11, 24, 9, 15).UtcTicks, parsed.UtcTicks);
        // Offsets beyond what DateTimeOffset holds (±14:00) are kept as the UTC instant.
        var expectedOffset = Math.Abs(offsetMinutes) <= 14 * 60 ? TimeSpan.FromMinutes(offsetMinutes) : TimeSpan.Zero;
        Assert.Equal(expectedOffset, parsed.Offset);
    }

    [Theory]
    [InlineData("946684800000")]
    [InlineData("1795520415123")]
    [InlineData("4102444799999")]
    public void Epoch_milliseconds_in_range_are_accepted(string milliseconds) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(milliseconds)), AcceptedAt(milliseconds));

    [Theory]
    [InlineData("946684799999")]
    [InlineData("4102444800000")]
    [InlineData("1795520415")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("253402300800000")]
    [InlineData("99999999999999999999999")]
    public void Epoch_milliseconds_outside_2000_2099_are_rejected(string milliseconds) =>
        Assert.Equal(EventTimestamp.RangeProblem, RejectedAt(milliseconds));

    [Theory]
    [InlineData("\"1999-12-31T23:59:59.9999999Z\"")]
    [InlineData("\"2100-01-01T00:00:00Z\"")]
    [InlineData("\"9999-12-31T23:59:59Z\"")]
    [InlineData("\"0001-01-01T00:00:00Z\"")]
    [InlineData("\"2000-01-01T00:30:00+01:00\"")]
    [InlineData("\"2099-12-31T23:30:00-01:00\"")]
    public void The_year_range_applies_to_the_utc_instant(string at) =>
        Assert.Equal(EventTimestamp.RangeProblem, RejectedAt(at));

    [Theory]
    [InlineData("\"2000-01-01T00:00:00Z\"")]
    [InlineData("\"1999-12-31T23:30:00-01:00\"")]
    [InlineData("\"2100-01-01T00:30:00+01:00\"")]
    [InlineData("\"2099-12-31T23:59:59.999999999Z\"")]
    public void The_edges_of_the_range_are_inside_in_utc(string at) =>
        Assert.InRange(AcceptedAt(at).UtcDateTime.Year, 2000, 2099);

    [Theory]
    [InlineData("\"2026-11-24t09:15:00Z\"")]
    [InlineData("\"2026-11-24T09:15:00z\"")]
    [InlineData("\"2026-11-24T09:15:60Z\"")]
    [InlineData("\"2026-11-24T24:00:00Z\"")]
    [InlineData("\"2026-11-24T09:60:00Z\"")]
    [InlineData("\"2026-11-24T09:15.5Z\"")]
    [InlineData("\"2026-11-24T09:15:00.Z\"")]
    [InlineData("\"2026-11-24T09:15:00.1234567890Z\"")]
    [InlineData("\"2026-11-24T09:15:00+24:00\"")]
    [InlineData("\"2026-11-24T09:15:00+05:60\"")]
    [InlineData("\"2026-11-24T09:15:00+0500\"")]
    [InlineData("\"2026-11-24T09:15:00+05\"")]
    [InlineData("\"2026-11-24T09:15:00\"")]
    [InlineData("\"2026-11-24T09:15:00Z\\n\"")]
    [InlineData("\"2026-11-24T09:15:00Z \"")]
    [InlineData("\" 2026-11-24T09:15:00Z\"")]
    [InlineData("\"2026-02-29T09:15:00Z\"")]
    [InlineData("\"2026-11-24T0९:15:00Z\"")]
    [InlineData("\"+2026-11-24T09:15:00Z\"")]
    [InlineData("\"20261124T091500Z\"")]
    [InlineData("1795520415123.0")]
    [InlineData("1.795520415123e12")]
    [InlineData("true")]
    [InlineData("[]")]
    public void Other_forms_are_rejected_naming_at(string at) =>
        Assert.Equal(EventTimestamp.FormatProblem, RejectedAt(at));

    [Fact]
    public void A_leap_day_is_a_date_in_a_leap_year() =>
        Assert.Equal(Utc(2028, 2, 29, 9, 15), AcceptedAt("\"2028-02-29T09:15:00Z\""));

    [Fact]
    public void An_empty_at_counts_as_absent() =>
        Assert.Null(ConsoleEventParser.Parse("""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","at":""}""").Event!.Header.At);
}
