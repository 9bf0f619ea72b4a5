import { describe, expect, it } from 'vitest';
import {
  ageOn,
  formatEraDate,
  formatEraYear,
  isIsoDate,
  parseEraDate,
  toFullWidthDigits,
} from './japanese-era.js';

describe('Japanese era dates', () => {
  it('formats dates on both sides of every era boundary', () => {
    expect(formatEraDate('2024-02-09')).toBe('令和6年2月9日');
    expect(formatEraDate('2019-05-01')).toBe('令和元年5月1日');
    expect(formatEraDate('2019-04-30')).toBe('平成31年4月30日');
    expect(formatEraDate('1989-01-08')).toBe('平成元年1月8日');
    expect(formatEraDate('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatEraDate('1926-12-25')).toBe('昭和元年12月25日');
    expect(formatEraDate('1926-12-24')).toBe('大正15年12月24日');
    expect(formatEraDate('1912-07-30')).toBe('大正元年7月30日');
    expect(formatEraDate('1912-07-29')).toBe('明治45年7月29日');
    expect(formatEraDate('2024-02-09', { fullWidth: true })).toBe('令和６年２月９日');
  });

  it('parses era dates back and refuses dates that do not exist', () => {
    expect(parseEraDate('令和6年2月9日')).toBe('2024-02-09');
    expect(parseEraDate('R6.2.9')).toBe('2024-02-09');
    expect(parseEraDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseEraDate('平成３１年４月３０日')).toBe('2019-04-30');
    expect(() => parseEraDate('令和6年13月1日')).toThrow();
    expect(() => parseEraDate('令和5年2月29日')).toThrow();
    expect(() => parseEraDate('平成32年1月1日')).toThrow(); // 平成 ended in its 31st year
    expect(() => parseEraDate('令和元年4月30日')).toThrow(); // still 平成 then
    expect(() => parseEraDate('天保3年1月1日')).toThrow();
  });

  it('validates ISO dates strictly', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
  });

  it('names the era of a year and computes ages', () => {
    expect(formatEraYear(2024)).toBe('令和6年');
    expect(formatEraYear(2019)).toBe('令和元年');
    expect(ageOn('2017-11-26', '2024-11-25')).toBe(6);
    expect(ageOn('2017-11-25', '2024-11-25')).toBe(7);
    expect(toFullWidthDigits('12')).toBe('１２');
  });
});
