// The scripts under test are bash, run with the fakes linked on PATH: the tests run where bash does.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
