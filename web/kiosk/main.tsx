import { mount } from '../shared/mount';
import { KioskApp } from './KioskApp';
import './kiosk.css';

// A kiosk is shared: every person starts in Japanese and nothing is remembered.
void mount(KioskApp, { family: 'kiosk', remember: false, followBrowser: false });
