import { mount } from '../shared/mount';
import { NotifyCounterApp } from './NotifyCounterApp';
import './notify-counter.css';

// Staff workstation: the language is remembered per browser, like the staff console.
void mount(NotifyCounterApp, { family: 'notify-counter', remember: true, followBrowser: false });
