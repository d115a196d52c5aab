// Plays Kinesis Video HLS session URLs (HLS_URLS, space-separated; screenshots named by SHOT_NAMES)
// one after the other to their end with hls.js in one headless Chromium, at PLAYBACK_RATE (default
// 1): each must end, every frame (EXPECTED_FRAMES) must have been decoded, and a screenshot of the
// last frame must not be blank (pixel variance measured by the page on the PNG itself).
// Run by io.rivulet.it.video.HlsPlaybackTest.
import { openBrowser, watch, report } from './browser.mjs';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const urls = (process.env.HLS_URLS || '').split(/\s+/).filter((u) => u);
const names = (process.env.SHOT_NAMES || '').split(/\s+/).filter((n) => n);
const expected = Number(process.env.EXPECTED_FRAMES || '0');
const rate = Number(process.env.PLAYBACK_RATE || '1');
const shotDir = process.env.SCREENSHOT_DIR || 'target';
const steps = [];
const errors = [];
const browser = await openBrowser();
try {
  const { page } = browser;
  watch(page, errors);
  for (let i = 0; i < urls.length; i++) {
    await play(page, urls[i], names[i] || `hls-${i}`);
  }
} catch (e) {
  errors.push(`spec: ${e.message}`);
} finally {
  await browser.close();
}
report(errors, steps);

async function play(page, url, name) {
  await page.setContent('<html><body style="margin:0;background:#000">'
    + '<video id="v" muted playsinline width="320" height="240"></video></body></html>');
  await page.addScriptTag({ content: readFileSync('node_modules/hls.js/dist/hls.min.js', 'utf8') });
  const supported = await page.evaluate(() => window.Hls.isSupported()
    && MediaSource.isTypeSupported('video/mp4; codecs="avc1.42c01e"'));
  if (!supported) throw new Error('this Chromium has no H.264 Media Source support');
  steps.push(`${name}: hls.js supported`);
  await page.evaluate(([src, playbackRate]) => {
    const video = document.getElementById('v');
    window.hlsErrors = [];
    const hls = new window.Hls({ lowLatencyMode: false });
    hls.on(window.Hls.Events.ERROR, (_e, data) => {
      if (data.fatal) window.hlsErrors.push(`${data.type}: ${data.details}`);
    });
    hls.on(window.Hls.Events.MANIFEST_PARSED, () => {
      video.playbackRate = playbackRate;
      video.play();
    });
    hls.loadSource(src);
    hls.attachMedia(video);
  }, [url, rate]);
  await page.waitForFunction(() => document.getElementById('v').ended || window.hlsErrors.length > 0,
    null, { timeout: 60000 });
  const state = await page.evaluate(() => {
    const v = document.getElementById('v');
    const q = v.getVideoPlaybackQuality();
    return { ended: v.ended, frames: q.totalVideoFrames, dropped: q.droppedVideoFrames,
      width: v.videoWidth, height: v.videoHeight, errors: window.hlsErrors };
  });
  if (state.errors.length) throw new Error(`hls.js errors: ${state.errors.join(', ')}`);
  console.log(`${name} played: ${JSON.stringify(state)}`);
  if (!state.ended) throw new Error('the video did not end');
  if (expected && state.frames < expected) {
    throw new Error(`only ${state.frames} of ${expected} frames were presented`);
  }
  steps.push(`${name}: ended after ${state.frames} frames`);
  mkdirSync(shotDir, { recursive: true });
  const shot = join(shotDir, `${name}.png`);
  await page.locator('#v').screenshot({ path: shot });
  const png = readFileSync(shot).toString('base64');
  const stats = await page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    let sum = 0; let sq = 0; const n = px.length / 4;
    const colours = new Set();
    for (let i = 0; i < px.length; i += 4) {
      const y = 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
      sum += y; sq += y * y;
      colours.add((px[i] >> 4) * 256 + (px[i + 1] >> 4) * 16 + (px[i + 2] >> 4));
    }
    const mean = sum / n;
    return { mean, stddev: Math.sqrt(sq / n - mean * mean), colours: colours.size };
  }, png);
  console.log(`screenshot ${shot}: ${JSON.stringify(stats)}`);
  if (stats.stddev < 20 || stats.colours < 8) throw new Error('the screenshot is blank');
  steps.push(`${name}: screenshot shows the picture`);
}
