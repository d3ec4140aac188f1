#!/usr/bin/env bash
# Regenerates demo-interview.mp4: the stand-in for the recorded video interviews of the demo
# ceremony. 12 s, 1280×720, H.264 + AAC, faststart (so the projector can start before the whole
# file is in), well under 1 MB. The picture is the ceremony's colours with «Видеоинтервью» and a
# gold bar that runs the length of the clip, so a viewer can see it play; the sound is a soft tone.
set -euo pipefail
cd "$(dirname "$0")"

# PT Sans (the font the stage display uses) from the npm package; DejaVu as a fallback.
font="../../node_modules/@fontsource/pt-sans/files/pt-sans-cyrillic-700-normal.woff"
[ -f "$font" ] || font="$(fc-match -f '%{file}' 'DejaVu Sans:bold')"
seconds=12

ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "color=c=0x0f1a33:s=1280x720:r=25:d=${seconds}" \
  -f lavfi -i "color=c=0xe8b04b:s=1280x10:r=25:d=${seconds}" \
  -f lavfi -i "sine=frequency=523.25:sample_rate=48000:duration=${seconds}" \
  -filter_complex "
    [0:v]drawbox=x=240:y=200:w=800:h=320:color=0x1f3a68@0.9:t=fill,
      drawtext=fontfile=${font}:text='Видеоинтервью':fontsize=96:fontcolor=0xfbf3e4:x=(w-text_w)/2:y=270,
      drawtext=fontfile=${font}:text='Светлые люди':fontsize=44:fontcolor=0xe8b04b:x=(w-text_w)/2:y=410[bg];
    [bg][1:v]overlay=x='-W+W*t/${seconds}':y=H-40:shortest=1,format=yuv420p[v];
    [2:a]volume=0.15,afade=t=in:d=1,afade=t=out:st=$((seconds - 2)):d=2[a]" \
  -map "[v]" -map "[a]" \
  -c:v libx264 -profile:v main -preset veryslow -crf 30 -g 50 \
  -c:a aac -b:a 64k -ac 2 \
  -movflags +faststart \
  demo-interview.mp4

ls -l demo-interview.mp4
