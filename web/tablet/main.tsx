import { mount } from '../shared/mount';
import { TabletApp } from './TabletApp';
import './tablet.css';

// A device residents share: every person starts in Japanese and may switch for themselves.
void mount(TabletApp, { family: 'tablet', remember: false, followBrowser: false });
