using System.Globalization;
using System.Text;

namespace ConsoleContext.Host.Simulation;

/// <summary>A hand-written SVG line chart of p50, p99 and max decision latency per second of the run (log scale).</summary>
public static class LatencyChart
{
    private const int Width = 800;
    private const int Height = 360;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 30;
    private const int Bottom = 40;

    public static string Svg(IReadOnlyList<SecondSample> seconds)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">""");
        sb.AppendLine($"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        sb.AppendLine($"""<text x="{Left}" y="18" font-size="14">Decision latency per second (log scale)</text>""");
        var max = Math.Max(10, seconds.Count == 0 ? 10 : seconds.Max(s => s.Max));
        var decades = (int)Math.Ceiling(Math.Log10(max));
        double Y(long micros) => Top + (Height - Top - Bottom) * (1 - Math.Log10(Math.Max(1, micros)) / decades);
        double X(int second) => Left + (Width - Left - Right) * (seconds.Count <= 1 ? 0.5 : second / (double)(seconds.Count - 1));

        for (var d = 0; d <= decades; d++)
        {
            var micros = (long)Math.Pow(10, d);
            var y = F(Y(micros));
            sb.AppendLine($"""<line x1="{Left}" y1="{y}" x2="{Width - Right}" y2="{y}" stroke="#ddd"/>""");
            sb.AppendLine($"""<text x="{Left - 6}" y="{y}" text-anchor="end" dominant-baseline="middle">{SimulationReportWriter.Micros(micros)}</text>""");
        }
        sb.AppendLine($"""<line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" stroke="#333"/>""");
        var step = Math.Max(1, seconds.Count / 10);
        for (var s = 0; s < seconds.Count; s += step)
            sb.AppendLine($"""<text x="{F(X(s))}" y="{Height - Bottom + 16}" text-anchor="middle">{s}s</text>""");

        Line(sb, seconds, s => s.P50, "#2a7", "p50", 0, X, Y);
        Line(sb, seconds, s => s.P99, "#e80", "p99", 1, X, Y);
        Line(sb, seconds, s => s.Max, "#c22", "max", 2, X, Y);
        sb.AppendLine("</svg>");
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, IReadOnlyList<SecondSample> seconds, Func<SecondSample, long> value, string colour, string label, int index,
        Func<int, double> x, Func<long, double> y)
    {
        var points = string.Join(" ", seconds.Select(s => F(x(s.Second)) + "," + F(y(value(s)))));
        sb.AppendLine($"""<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>""");
        var lx = Width - Right - 160 + index * 55;
        sb.AppendLine($"""<line x1="{lx}" y1="14" x2="{lx + 16}" y2="14" stroke="{colour}" stroke-width="2"/><text x="{lx + 20}" y="18">{label}</text>""");
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
