"""The demo and the scripted journey: a sandbox hub, simulated devices with a panel of
sample residents, a virtual display served by VNC, and `kiosk journey`, which walks a
resident through the kiosk and keeps a picture of each screen. Not part of the kiosk a
terminal runs: `kiosk` imports it only for `demo`, `journey` and --simulated-devices."""
