using Akka.Configuration;

namespace ConsoleContext.Host.Wiring;

/// <summary>Finds and reads HOCON.conf: next to the executable (copied at build), else in the working directory.</summary>
public static class HoconFile
{
    public const string FileName = "HOCON.conf";

    public static Config Load()
    {
        foreach (var dir in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var path = Path.Combine(dir, FileName);
            if (File.Exists(path))
                return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        return Config.Empty;
    }
}
