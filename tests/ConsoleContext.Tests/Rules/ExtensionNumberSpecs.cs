using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// Spec §4 Identity, phone numbers: digits only, after dropping an extension (the first x, ext, #, comma or semicolon,
/// case-insensitive, and all that follows); equal, or one ends with the other and the shorter has at least 7 digits;
/// a number left with no digit matches nothing.
/// </summary>
public class ExtensionNumberSpecs
{
    private readonly RuleTape _tape = new();

    private Protocol.Decision ClickThenCall(string clicked, string called)
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab1"}""");
        _tape.Feed($$"""{"type":"clickToDial","number":"{{clicked}}","tabId":"ctab1","at":"{{At(0)}}"}""");
        return _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"{{called}}","at":"{{At(1)}}"}""");
    }

    [Theory]
    [InlineData("555-0100 x12", "5550100")]
    [InlineData("555-0100 X12", "5550100")]
    [InlineData("555-0100x12", "5550100")]
    [InlineData("555-0100 ext. 12", "5550100")]
    [InlineData("555-0100 EXT 12", "5550100")]
    [InlineData("555-0100 Ext12", "5550100")]
    [InlineData("555-0100#12", "5550100")]
    [InlineData("555-0100,,12", "5550100")]
    [InlineData("555-0100;ext=12", "5550100")]
    [InlineData("+1 (555) 123-4567 x89", "5551234567")]
    [InlineData("+1 (555) 123-4567 x89", "1234567 #1")]
    [InlineData("5550100", "555-0100 ext 7")]
    [InlineData("555-0100 x1", "555-0100 x2")]
    [InlineData("12 x5", "12,9")]
    public void Numbers_a_click_with_an_extension_binds_the_call_to_the_number_without_it(string clicked, string called) =>
        ClickThenCall(clicked, called).Is("applied", "bound-by-click-to-dial");

    [Theory]
    [InlineData("555-0100 x12", "555010012")]
    [InlineData("x5550100", "5550100")]
    [InlineData("ext 5550100", "5550100")]
    [InlineData("#5550100", "5550100")]
    [InlineData("x12", "x12")]
    [InlineData(";", ";")]
    [InlineData("+1 555 123 4567 x1", "234567")]
    [InlineData("5550100", "5550101 x0")]
    public void Numbers_that_are_different_after_dropping_the_extension_or_have_no_digit_do_not_bind(string clicked, string called) =>
        ClickThenCall(clicked, called).Is("applied", "pending-owner");

    [Theory]
    [InlineData("555-0100 x12", "5550100")]
    [InlineData("555-0100 eXt 12", "5550100")]
    [InlineData("555 0100 #1 x2", "5550100")]
    [InlineData("555;0100", "555")]
    [InlineData("+1 (555) 010-0100", "15550100100")]
    [InlineData("x12", "")]
    [InlineData("", "")]
    [InlineData("٣٤٥", "")]
    [InlineData("extension 5", "")]
    public void Numbers_digits_are_ascii_digits_before_the_first_extension_marker(string number, string digits) =>
        Assert.Equal(digits, PhoneNumbers.Digits(number));

    [Theory]
    [InlineData("1234567", "5551234567", true)]
    [InlineData("234567", "5551234567", false)]
    [InlineData("12", "12", true)]
    [InlineData("", "", false)]
    [InlineData("5551234567", "5551234568", false)]
    [InlineData("4415551234567", "15551234567", true)]
    public void Numbers_match_when_equal_or_one_ends_with_the_other_of_at_least_seven_digits(string a, string b, bool match)
    {
        Assert.Equal(match, PhoneNumbers.Match(a, b));
        Assert.Equal(match, PhoneNumbers.Match(b, a));
    }
}
