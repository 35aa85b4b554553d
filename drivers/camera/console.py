"""`kiosk-sim camera`: the simulated camera's scenes for demos and technicians.

list                      the bundled scenes
play SCENE [--out FILE]   write SCENE as a short looping video and print the path to put in
                          camera.source (the kiosk loops video files itself)
write SCENE FILE          one scene as an image (.png/.jpg) or a video (.avi)
devices                   the real V4L2 cameras on this machine, with the stable path to put
                          in [camera] source or [document_camera] source
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TextIO

from drivers.camera import scenes


def add_arguments(p: argparse.ArgumentParser) -> None:
    subs = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    subs.add_parser("list", help="the bundled scenes")
    subs.add_parser("devices", help="the V4L2 cameras here, for [camera] / [document_camera]")
    play = subs.add_parser("play", help="a scene as a looping video file for camera.source")
    play.add_argument("scene")
    play.add_argument("--out", type=Path, help="where (default: a folder under /tmp)")
    play.add_argument("--seconds", type=float, default=2.0)
    write = subs.add_parser("write", help="a scene to an image or .avi file")
    write.add_argument("scene")
    write.add_argument("file", type=Path)


def run(args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "list":
        for scene in scenes.SCENES.values():
            print(f"  {scene.name:15s} {scene.description}", file=out)
        return 0
    if args.action == "devices":
        from drivers.camera import v4l2

        found = v4l2.devices()
        if not found:
            print("no V4L2 camera on this machine", file=out)
        for d in found:
            asked = "" if d.capture else " (could not be asked: permission?)"
            offers = f" [{', '.join(d.formats)}]" if d.formats else ""
            print(
                f'  {d.path:12s} {d.name}{offers}{asked}\n      source = "{d.config_source}"',
                file=out,
            )
        return 0
    if args.scene not in scenes.SCENES:
        print(f"no scene {args.scene!r}; try: kiosk-sim camera list", file=out)
        return 2
    image = scenes.draw(args.scene)
    if args.action == "write":
        path: Path = args.file
        if path.suffix.lower() == ".avi":
            scenes.write_video(image, path)
        else:
            scenes.write_image(image, path)
        print(f"wrote {path}", file=out)
        return 0
    path = args.out or Path(tempfile.gettempdir()) / "kiosk-sim-camera" / f"{args.scene}.avi"
    scenes.write_video(image, path, seconds=args.seconds)
    print(f"source: {path}", file=out)
    print(f'put in the kiosk configuration: [camera] source = "{path}"', file=out)
    return 0
