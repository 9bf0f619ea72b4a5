import { mount } from '../shared/mount';
import { ResidentApp } from './ResidentApp';
import './resident.css';

// A resident's own phone: follow its language on the first visit, remember the choice after.
void mount(ResidentApp, { family: 'resident', remember: true, followBrowser: true });
