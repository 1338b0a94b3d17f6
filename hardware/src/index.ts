// @seggio/hardware: the booth keypad and the president's button box over node-hid, behind one
// interface with a fake (hardware behind an interface), and the booth's voice (eSpeak NG).
export { nodeHidBackend, type HidBackend, type HidDeviceInfo, type HidHandle } from './backend.js';
export { decodeReport, encodeReport, type Decoded } from './decode.js';
export { FakeHidBackend } from './fake.js';
export { HardwareHost, type ButtonSource, type HardwareOptions } from './host.js';
export { DeviceLayer, type ButtonEvent, type DeviceStatus } from './layer.js';
export { BUTTONS, matches, parseProfile, type ButtonName, type DeviceKind, type Profile } from './profile.js';
export { DEFAULT_PROFILES, loadProfiles, VIRTUAL_KEYPAD } from './profiles.js';
export { ESPEAK_VOICES, EspeakVoice, isWav, MAX_SPOKEN, wavSeconds, type Voice, type VoiceLanguage, type VoiceStatus } from './voice.js';
