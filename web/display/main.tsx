import { mount } from '../shared/mount';
import { DisplayApp } from './DisplayApp';
import './display.css';

// A display board is set up once by staff; it always comes back in Japanese after a restart.
void mount(DisplayApp, { family: 'display', remember: false, followBrowser: false });
